package org.giaworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT, sent with kill) in the middle of a run still writes the best reconstruction so far. */
class CtrlCTest {

    @Test
    void anInterruptedRunWritesItsBestSoFar(@TempDir Path dir) throws Exception {
        // A process started with SIGINT ignored (nohup, a background job of a script) passes that on to
        // its children, and a JVM that inherits it never sees Ctrl-C: then there is nothing to test.
        Assumptions.assumeFalse(sigintIgnored(), "this JVM was started with SIGINT ignored, so its child would be too");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "org.giaworkbench.app.Launcher", "run", "--preset", "quickstart-ig", "--set", "attack.iterations=100000",
                "--out", dir.toString())).redirectErrorStream(true);
        Process p = pb.start();
        StringBuffer log = new StringBuffer();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                // Non-interactive progress prints a line per tenth; the start line comes once the model is built.
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    if (line.startsWith("inverting-gradients on")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        reader.start();
        try {
            assertTrue(started.await(120, TimeUnit.SECONDS), "the run did not start:\n" + log);
            Thread.sleep(3000);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGINT:\n" + log);
        } finally {
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertTrue(Files.exists(dir.resolve("summary.json")), "no summary after interrupt:\n" + log);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("cancelled", summary.get("status").asText(), log.toString());
        assertTrue(summary.get("iterations").asInt() > 0 && summary.get("iterations").asInt() < 100000);
        assertTrue(summary.get("metrics").get("psnr").get("mean").isNumber());
        assertTrue(Files.exists(dir.resolve("reconstruction.png")) && Files.exists(dir.resolve("series.csv")));
    }

    /** Whether SIGINT is in this process's ignored-signal mask (Linux /proc; false where unknown). */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
