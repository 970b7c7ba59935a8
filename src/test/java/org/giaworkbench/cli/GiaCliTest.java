package org.giaworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: files written, exit codes, one-line errors without stack traces. */
class GiaCliTest {

    record Outcome(int code, String out, String err) {
    }

    static Outcome gia(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = GiaCli.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void runWritesSummarySeriesAndPicture(@TempDir Path dir) throws Exception {
        Outcome o = gia("run", "--preset", "quickstart-dlg", "--set", "attack.iterations=40", "--set", "data.index=3",
                "--out", dir.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("finished", summary.get("status").asText());
        assertEquals(40, summary.get("spec").get("attack").get("params").get("iterations").asInt());
        assertEquals(3, summary.get("spec").get("data").get("index").asInt());
        double psnr = summary.get("metrics").get("psnr").get("mean").asDouble();
        assertEquals(psnr, summary.get("metrics").get("psnr").get("per_image").get(0).asDouble(), 1e-9);
        assertTrue(summary.get("metrics").get("ssim").has("mean"));
        assertTrue(summary.has("label_accuracy") && summary.has("device") && summary.has("wall_seconds"));
        // Every number names its variant.
        assertTrue(summary.get("metrics").get("psnr").get("variant").asText().startsWith("psnr"));
        assertTrue(summary.get("metrics").get("ssim").get("variant").asText().startsWith("ssim"));
        assertTrue(summary.get("label_accuracy_variant").asText().contains("multiset"));
        assertEquals("none (one image)", summary.get("metrics").get("pairing").asText());
        assertTrue(summary.get("versions").get("engine").asText().contains("2.5.1"));
        // LPIPS, Jaccard and RDLV per image with their variants.
        JsonNode lpips = summary.get("metrics").get("lpips");
        assertEquals("LPIPS-squeeze (approximate)", lpips.get("label").asText());
        assertTrue(lpips.get("variant").asText().startsWith("LPIPS-squeeze (approximate)"));
        assertTrue(lpips.get("per_image").get(0).asDouble() > 0);
        assertTrue(summary.get("metrics").get("jaccard").get("variant").asText().startsWith("jaccard"));
        assertTrue(summary.get("metrics").get("rdlv").get("variant").asText().startsWith("rdlv"));
        assertEquals(1, summary.get("metrics").get("rdlv").get("per_image").size());
        List<String> series = Files.readAllLines(dir.resolve("series.csv"));
        assertEquals("iteration,loss,psnr,ssim", series.get(0));
        assertTrue(series.size() > 10, "series has " + series.size() + " lines");
        assertTrue(series.get(series.size() - 1).startsWith("40,"), series.get(series.size() - 1));
        BufferedImage png = ImageIO.read(dir.resolve("reconstruction.png").toFile());
        assertTrue(png.getHeight() > 2 * 96 && png.getWidth() >= 96, png.getWidth() + "x" + png.getHeight());
        assertTrue(o.out().contains("PSNR"), o.out());
    }

    @Test
    void badInputIsOneLineWithAHintAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path corrupt = dir.resolve("test_batch.bin");
        Files.write(corrupt, new byte[1000]);
        List<String[]> cases = List.of(
                new String[] {"run", "--preset", "quickstart-dlg", "--set", "data.batch=5000"},
                new String[] {"run", "--preset", "no-such-preset"},
                new String[] {"run", "--spec", dir.resolve("missing.json").toString()},
                new String[] {"run", "--preset", "quickstart-ig", "--set", "attack.lr=-0.1"},
                new String[] {"run", "--preset", "quickstart-dlg", "--set", "model.arch=resnet99"},
                new String[] {"run", "--preset", "quickstart-dlg", "--set", "data.source=cifar10",
                        "--set", "data.path=" + corrupt});
        for (String[] args : cases) {
            Outcome o = gia(args);
            String cmd = String.join(" ", args);
            assertEquals(2, o.code(), cmd + " -> " + o.err());
            List<String> lines = o.err().lines().filter(l -> l.startsWith("gia:")).toList();
            assertEquals(1, lines.size(), cmd + " -> " + o.err());
            assertFalse(o.err().contains("\tat "), "stack trace for a user error: " + o.err());
            assertTrue(lines.get(0).contains("("), "no hint: " + lines.get(0));
        }
        assertTrue(gia("run", "--preset", "quickstart-dlg", "--set", "data.source=cifar10", "--set",
                "data.path=" + corrupt).err().contains("test_batch.bin"));
    }

    @Test
    void unwritableOutputFolderIsRefusedInOneLineBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "a file, not a folder");
        Path under = file.resolve("sub");
        Path db = dir.resolve("experiments.db");
        List<String[]> cases = List.of(
                new String[] {"run", "--preset", "quickstart-dlg", "--db", db.toString(), "--out", under.toString()},
                new String[] {"sweep", "--preset", "quickstart-dlg", "--seeds", "2", "--db", db.toString(),
                        "--out", under.toString()},
                new String[] {"train", "--epochs", "1", "--out", under.toString()},
                new String[] {"export", "1", "--db", db.toString(), "--out", under.toString()},
                new String[] {"gradsim", "--csv", under.resolve("gradsim.csv").toString()});
        for (String[] args : cases) {
            Outcome o = gia(args);
            String cmd = String.join(" ", args);
            assertEquals(2, o.code(), cmd + " -> " + o.err());
            assertEquals(List.of("gia: cannot write to the output folder " + under + ": " + file + " is a file, not a folder"
                    + " (give " + (args[0].equals("gradsim") ? "--csv" : "--out") + " a folder you can write to)"),
                    o.err().lines().toList(), cmd);
            assertEquals("", o.out(), cmd + ": something ran");
        }
        // No run was recorded (the store was never opened) and the check left nothing behind.
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void listShowsEveryAttackWithItsParameters() {
        Outcome o = gia("list");
        assertEquals(0, o.code());
        for (String expected : List.of("dlg", "idlg", "inverting-gradients", "lenet-dlg", "resnet20", "resnet56",
                "resnet18-cifar", "bundled-cifar10", "cifar100", "image-folder", "ssim", "quickstart-ig", "restarts")) {
            assertTrue(o.out().contains(expected), "missing " + expected);
        }
    }
}
