package org.giaworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT, sent with kill) in the middle of a run still writes the best reconstruction so far. */
class CtrlCTest {

    @Test
    void anInterruptedRunWritesItsBestSoFar(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "org.giaworkbench.app.Launcher", "run", "--preset", "quickstart-ig", "--set", "attack.iterations=100000",
                "--out", dir.toString())).redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            // Non-interactive progress prints a line per tenth; the start line comes once the model is built.
            for (String line; (line = r.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.startsWith("inverting-gradients on")) {
                    Thread.sleep(3000);
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), log.toString());
        assertTrue(Files.exists(dir.resolve("summary.json")), "no summary after interrupt:\n" + log);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("cancelled", summary.get("status").asText(), log.toString());
        assertTrue(summary.get("iterations").asInt() > 0 && summary.get("iterations").asInt() < 100000);
        assertTrue(summary.get("metrics").get("psnr").get("mean").isNumber());
        assertTrue(Files.exists(dir.resolve("reconstruction.png")) && Files.exists(dir.resolve("series.csv")));
    }
}
