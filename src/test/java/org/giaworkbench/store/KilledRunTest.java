package org.giaworkbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.giaworkbench.cli.GiaCli;
import org.giaworkbench.core.result.SeriesPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child process ({@code gia run}) writes a run into the store; this process reads the history
 * while it writes (WAL: no waiting, no errors), then kills the child with SIGKILL. On reopening, the
 * run is marked interrupted and keeps every series point that had been committed.
 */
class KilledRunTest {

    @Test
    void aKilledRunIsInterruptedAndKeepsItsSeries(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("experiments.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "org.giaworkbench.app.Launcher", "run", "--preset", "quickstart-dlg", "--set", "attack.id=inverting-gradients",
                "--set", "attack.iterations=1000000",
                "--db", db.toString(), "--out", dir.resolve("out").toString())).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        List<SeriesPoint> seenBeforeKill = List.of();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.startsWith("inverting-gradients on")) {
                    break;
                }
            }
            assertTrue(p.isAlive(), "the child ended early:\n" + log);
            try (ExperimentStore store = ExperimentStore.open(db)) {
                long id = store.runs(RunQuery.all()).get(0).id();
                assertEquals(StoredStatus.RUNNING, store.require(id).summary().status(),
                        "opening the store must not take a live run for an interrupted one");
                // Read while the child writes: the series only grows, every read succeeds.
                int last = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline) {
                    List<SeriesPoint> s = store.series(id);
                    assertTrue(s.size() >= last, "series shrank from " + last + " to " + s.size());
                    last = s.size();
                    seenBeforeKill = s;
                    // Two commits at least (they come about a second apart).
                    if (s.size() >= 10 && store.runs(RunQuery.all().withStatus(StoredStatus.RUNNING)).size() == 1) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertTrue(seenBeforeKill.size() >= 10, "the child wrote too little:\n" + log);
                // The CLI's history in this process, while the child holds the store open.
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                PrintStream old = System.out;
                int code;
                try {
                    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                    code = GiaCli.execute("history", "--db", db.toString());
                } finally {
                    System.setOut(old);
                }
                assertEquals(0, code);
                assertTrue(out.toString(StandardCharsets.UTF_8).contains("running"), out.toString(StandardCharsets.UTF_8));
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no final write
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        try (ExperimentStore store = ExperimentStore.open(db)) {
            assertFalse(store.notices().isEmpty());
            RunSummary run = store.runs(RunQuery.all()).get(0);
            assertEquals(StoredStatus.INTERRUPTED, run.status(), store.notices().toString());
            List<SeriesPoint> after = store.series(run.id());
            assertTrue(after.size() >= seenBeforeKill.size(), after.size() + " < " + seenBeforeKill.size());
            // Everything read before the kill is still there, unchanged.
            for (int i = 0; i < seenBeforeKill.size(); i++) {
                assertEquals(seenBeforeKill.get(i).iteration(), after.get(i).iteration());
                assertEquals(seenBeforeKill.get(i).loss(), after.get(i).loss(), 0.0);
            }
            assertTrue(run.iterations() >= seenBeforeKill.get(seenBeforeKill.size() - 1).iteration());
            assertTrue(store.images(run.id(), StoredRun.ImageKind.TRUTH).isPresent(), "the ground truth was written at the start");
        }
    }
}
