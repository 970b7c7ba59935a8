package org.giaworkbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden test: the {@code same-labels-quick} preset through the real CLI (a child process), cut to
 * 30 iterations and the two ends of its factor (1 and 4 images sharing a label), one seed. The
 * table must match the committed {@code golden-same-labels-quick-30it.csv} within:
 * PSNR ± 1.0 dB and SSIM ± 0.05 (an optimisation: float reduction order may differ between machines
 * and thread counts), gradient cosine ± 0.01 (no optimisation: one forward and backward pass).
 * Refresh the file with the command in {@link #command} if the pipeline changes on purpose.
 */
class GoldenSweepTest {

    static final double PSNR_TOL = 1.0;
    static final double SSIM_TOL = 0.05;
    static final double COSINE_TOL = 0.01;

    private static List<String> command(Path dir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // One engine thread: on a loaded 2-core machine two spinning OpenMP threads are ~20x slower.
        return List.of(java, "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp",
                System.getProperty("java.class.path"), "org.giaworkbench.app.Launcher", "sweep", "--preset", "same-labels-quick",
                "--set", "attack.iterations=30", "--vary", "data.sameLabel=1,4", "--seeds", "1", "--quiet",
                "--db", dir.resolve("g.db").toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void theQuickSameLabelsPresetMatchesItsGoldenTable(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(command(dir)).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the sweep did not end in 5 minutes");
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(0, p.exitValue(), log);
        List<String[]> actual = rows(Files.readString(dir.resolve("out").resolve("sweep-summary.csv")));
        List<String[]> expected;
        try (InputStream in = GoldenSweepTest.class.getResourceAsStream("golden-same-labels-quick-30it.csv")) {
            expected = rows(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> header = List.of(expected.get(0));
        assertEquals(header, List.of(actual.get(0)));
        assertEquals(expected.size(), actual.size(), log);
        for (int r = 1; r < expected.size(); r++) {
            String[] e = expected.get(r);
            String[] a = actual.get(r);
            assertEquals(e[0], a[0]);
            assertEquals("1", a[header.indexOf("runs")], "a finished run per cell\n" + log);
            check(e, a, header, "psnr_mean", PSNR_TOL);
            check(e, a, header, "ssim_mean", SSIM_TOL);
            check(e, a, header, "gradient_cosine_mean", COSINE_TOL);
        }
        // The finding of Table II on this pair: more shared labels, more similar gradients.
        int cos = header.indexOf("gradient_cosine_mean");
        assertTrue(Double.parseDouble(actual.get(2)[cos]) > Double.parseDouble(actual.get(1)[cos]) + 0.05);
        assertTrue(Files.size(dir.resolve("out").resolve("trend-psnr.png")) > 0);
    }

    private static void check(String[] e, String[] a, List<String> header, String column, double tol) {
        int i = header.indexOf(column);
        double want = Double.parseDouble(e[i]);
        double got = Double.parseDouble(a[i]);
        assertEquals(want, got, tol, column + " at " + header.get(0) + "=" + e[0]);
    }

    private static List<String[]> rows(String csv) {
        List<String[]> out = new ArrayList<>();
        for (String line : csv.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.split(",", -1));
            }
        }
        return out;
    }
}
