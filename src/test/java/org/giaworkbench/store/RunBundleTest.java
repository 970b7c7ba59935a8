package org.giaworkbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.giaworkbench.cli.GiaCli;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.SpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports: the run bundle's files, CSVs that parse, an HTML report whose images are all there; the CLI. */
class RunBundleTest {

    private static long store(ExperimentStore store, SyntheticRun run, int iterations) {
        RunRecorder rec = store.recorder(run.spec, RunTags.NONE, null);
        rec.accept(run.started());
        rec.accept(new RunEvent.Finished(1, run.result(iterations)));
        return rec.storedId().orElseThrow();
    }

    @Test
    void aBundleHoldsSpecSeriesMetricsImagesAndAReport(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("x.db");
        long id;
        try (ExperimentStore store = ExperimentStore.open(db)) {
            id = store(store, new SyntheticRun(3, 5), 60);
            store.putMetric(id, "gradient_cosine", 0.75);
            Path out = dir.resolve("bundle");
            RunBundle.write(store, id, out);
            for (String f : List.of(RunBundle.SPEC, RunBundle.SUMMARY, RunBundle.SERIES, RunBundle.IMAGES_CSV, RunBundle.GRID,
                    RunBundle.REPORT)) {
                assertTrue(Files.size(out.resolve(f)) > 0, f);
            }
            assertEquals(SpecJson.write(new SyntheticRun(3, 5).spec), SpecJson.write(SpecJson.read(out.resolve(RunBundle.SPEC))));
            JsonNode summary = new ObjectMapper().readTree(out.resolve(RunBundle.SUMMARY).toFile());
            assertEquals("finished", summary.get("status").asText());
            assertEquals(0.75, summary.get("metrics").get("gradient_cosine").asDouble(), 1e-12);

            List<String[]> series = csv(out.resolve(RunBundle.SERIES));
            assertEquals(List.of("iteration", "loss", "psnr", "ssim"), List.of(series.get(0)));
            assertEquals(61, series.size());
            assertEquals(0.5, Double.parseDouble(series.get(2)[1]), 1e-12); // iteration 2, loss 1/2
            assertEquals(1.0, Double.parseDouble(series.get(10)[2]), 1e-12); // iteration 10, psnr 10/10

            List<String[]> images = csv(out.resolve(RunBundle.IMAGES_CSV));
            assertEquals(4, images.size());
            assertEquals(21.0, Double.parseDouble(images.get(2)[3]), 1e-9);
            for (String[] row : images.subList(1, images.size())) {
                assertEquals(8, ImageIO.read(out.resolve(row[5]).toFile()).getWidth());
                assertEquals(8, ImageIO.read(out.resolve(row[6]).toFile()).getWidth());
            }
            assertTrue(ImageIO.read(out.resolve(RunBundle.GRID).toFile()).getHeight() > 2 * 8);

            String html = Files.readString(out.resolve(RunBundle.REPORT));
            Matcher m = Pattern.compile("src=\"([^\"]+)\"").matcher(html);
            List<String> refs = new ArrayList<>();
            while (m.find()) {
                refs.add(m.group(1));
            }
            assertEquals(1 + 2 * 3, refs.size(), "the grid and every image: " + refs);
            for (String ref : refs) {
                assertTrue(Files.exists(out.resolve(ref)), "report refers to a missing file " + ref);
            }
            assertTrue(html.contains("<svg") && html.contains("polyline"), "curves drawn inline");
            assertTrue(!html.contains("http://") || html.indexOf("http://") == html.indexOf("http://www.w3.org/2000/svg"),
                    "nothing outside the folder");
        }
    }

    @Test
    void theCliExportsABundleAndACsvOfManyRunsAndShowsARun(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("x.db");
        long a;
        long b;
        try (ExperimentStore store = ExperimentStore.open(db)) {
            a = store(store, new SyntheticRun(1, 1), 10);
            b = store(store, new SyntheticRun(2, 2), 20);
            store.putMetric(b, "gradient_cosine", 0.5);
        }
        assertEquals(0, cli("export", Long.toString(a), "--out", dir.resolve("b").toString(), "--db", db.toString()));
        assertTrue(Files.exists(dir.resolve("b").resolve(RunBundle.REPORT)));
        Path csv = dir.resolve("runs.csv");
        assertEquals(0, cli("export", "--runs", a + "," + b, "--csv", csv.toString(), "--db", db.toString()));
        List<String[]> rows = csv(csv);
        assertEquals(3, rows.size());
        List<String> header = List.of(rows.get(0));
        assertEquals(RunsCsv.COLUMNS.size() + 1, header.size());
        assertEquals("gradient_cosine", header.get(header.size() - 1));
        assertEquals(Long.toString(b), rows.get(2)[header.indexOf("id")]);
        assertEquals("2", rows.get(2)[header.indexOf("batch")]);
        assertEquals(21.0 - 0.5, Double.parseDouble(rows.get(2)[header.indexOf("psnr_mean")]), 1e-9);
        assertEquals("", rows.get(1)[header.size() - 1], "run a has no cosine");
        assertEquals(2, cli("export", "99", "--db", db.toString()), "an unknown id is bad input");
        assertEquals(0, cli("show", Long.toString(b), "--db", db.toString()));
        assertEquals(0, cli("history", "--status", "finished", "--limit", "1", "--db", db.toString()));
        assertEquals(2, cli("history", "--status", "nonsense", "--db", db.toString()));
    }

    private static int cli(String... args) {
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return GiaCli.execute(args);
        } finally {
            System.setOut(old);
        }
    }

    /** A strict little CSV reader (quoted fields allowed); every row must have the header's width. */
    static List<String[]> csv(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> fields = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cur.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            fields.add(cur.toString());
            rows.add(fields.toArray(String[]::new));
            assertEquals(rows.get(0).length, fields.size(), "ragged row in " + file + ": " + line);
        }
        return rows;
    }
}
