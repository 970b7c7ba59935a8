package org.giaworkbench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.StoredRun.ImageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentStoreTest {

    @Test
    void aRunRoundTripsSpecSeriesImagesAndMetrics(@TempDir Path dir) {
        SyntheticRun run = new SyntheticRun(3, 7);
        List<RunEvent> passedOn = new ArrayList<>();
        long id;
        try (ExperimentStore store = ExperimentStore.open(dir.resolve("x.db"))) {
            RunRecorder rec = store.recorder(run.spec, new RunTags("sw", "data.batch=3|seed=0"), passedOn::add);
            rec.accept(run.started());
            rec.accept(new RunEvent.Progress(1, 5, 100, 0.5, 0.5, 10, 0.5, 3));
            rec.accept(new RunEvent.Finished(1, run.result(40)));
            assertEquals(3, passedOn.size(), "every event is passed on");
            id = rec.storedId().orElseThrow();
            store.putMetric(id, "gradient_cosine", 0.25);
        }
        try (ExperimentStore store = ExperimentStore.open(dir.resolve("x.db"))) {
            StoredRun r = store.require(id);
            assertEquals(SpecJson.write(run.spec), SpecJson.write(r.spec()));
            assertEquals(StoredStatus.FINISHED, r.summary().status());
            assertEquals("dlg", r.summary().attack());
            assertEquals(21.0, r.summary().psnrMean(), 1e-9);
            assertArrayEquals(new double[] {20, 21, 22}, r.psnr(), 1e-9);
            assertArrayEquals(run.labels, r.trueLabels());
            assertEquals("cpu()", r.device());
            assertEquals("PyTorch 2.5.1", r.versions().get("engine"));
            assertEquals(0.25, r.metrics().get("gradient_cosine"), 1e-12);
            assertEquals("sw", r.summary().sweepId());
            assertTrue(store.finishedRun("sw", "data.batch=3|seed=0").isPresent());
            List<SeriesPoint> series = store.series(id);
            assertEquals(run.result(40).series(), series, "the final series replaces the live one");
            ImageBatch truth = store.images(id, ImageKind.TRUTH).orElseThrow();
            ImageBatch recon = store.images(id, ImageKind.RECONSTRUCTION).orElseThrow();
            // 8-bit PNG: the random test images are already on the 1/255 grid, so they come back exactly.
            assertArrayEquals(run.truth.pixels(), truth.pixels(), 1e-6f);
            assertArrayEquals(run.recon.pixels(), recon.pixels(), 1e-6f);
            assertEquals(6, r.images().size());
            assertEquals(1, store.runs(RunQuery.all().withAttack("dlg")).size());
            assertEquals(0, store.runs(RunQuery.all().withStatus(StoredStatus.FAILED)).size());
            assertTrue(store.delete(id));
            assertTrue(store.runs(RunQuery.all()).isEmpty());
        }
    }

    @Test
    void identicalImagesAreStoredOnce(@TempDir Path dir) throws Exception {
        SyntheticRun run = new SyntheticRun(2, 3);
        Path db = dir.resolve("x.db");
        try (ExperimentStore store = ExperimentStore.open(db)) {
            for (int k = 0; k < 2; k++) {
                RunRecorder rec = store.recorder(run.spec, RunTags.NONE, null);
                rec.accept(run.started());
                rec.accept(new RunEvent.Finished(1, run.result(5)));
            }
        }
        assertEquals(4, count(db, "SELECT COUNT(*) FROM images"), "2 truths + 2 reconstructions, shared by both runs");
        assertEquals(8, count(db, "SELECT COUNT(*) FROM run_images"));
    }

    @Test
    void anOlderSchemaIsMigratedAndKeepsItsRuns(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("old.db");
        SyntheticRun run = new SyntheticRun(1, 1);
        // A version-1 store (before sweeps and extra metrics), with one run written by version-1 SQL.
        try (ExperimentStore old = ExperimentStore.open(db, 1)) {
            assertEquals(1, old.schemaVersion());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO runs (created_ms, name, attack, model, dataset, batch, spec_json, seed, status, psnr_mean) "
                    + "VALUES (1700000000000, 'old', 'dlg', 'lenet-dlg', 'bundled-cifar10', 1, '" + SpecJson.write(run.spec)
                    + "', 0, 'finished', 12.5)");
            s.execute("INSERT INTO series (run_id, iteration, loss) VALUES (1, 1, 0.5), (1, 2, 0.25)");
        }
        try (ExperimentStore store = ExperimentStore.open(db)) {
            assertEquals(Schema.LATEST, store.schemaVersion());
            assertTrue(store.notices().stream().anyMatch(n -> n.contains("upgraded from schema version 1")), store.notices().toString());
            StoredRun r = store.require(1);
            assertEquals(12.5, r.summary().psnrMean(), 1e-9);
            assertEquals(null, r.summary().sweepId());
            assertEquals(2, store.series(1).size());
            store.putMetric(1, "gradient_cosine", 0.5); // a v2 table
            assertEquals(0.5, store.require(1).metrics().get("gradient_cosine"), 1e-12);
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndAFreshStoreCreated(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("experiments.db");
        byte[] garbage = "this is not a database, just some text that happens to sit here".repeat(100)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(db, garbage);
        try (ExperimentStore store = ExperimentStore.open(db)) {
            assertEquals(1, store.notices().size(), store.notices().toString());
            String notice = store.notices().get(0);
            assertTrue(notice.contains("damaged") && notice.contains(".corrupt-"), notice);
            assertTrue(store.runs(RunQuery.all()).isEmpty());
            RunRecorder rec = store.recorder(new SyntheticRun(1, 1).spec, RunTags.NONE, null);
            rec.accept(new SyntheticRun(1, 1).started());
            assertTrue(rec.storedId().isPresent(), "the fresh store takes runs");
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("experiments.db.corrupt-")
                    && !p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm"))
                    .findFirst().orElseThrow();
            assertArrayEquals(garbage, Files.readAllBytes(aside), "the old file is kept as it was");
        }
    }

    @Test
    void aDamagedPageInARealDatabaseIsDetected(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("experiments.db");
        try (ExperimentStore store = ExperimentStore.open(db)) {
            SyntheticRun run = new SyntheticRun(8, 1);
            for (int k = 0; k < 5; k++) {
                RunRecorder rec = store.recorder(run.spec, RunTags.NONE, null);
                rec.accept(run.started());
                rec.accept(new RunEvent.Finished(1, run.result(500)));
            }
        }
        // Checkpointed on close; overwrite a span of pages in the middle with noise.
        byte[] bytes = Files.readAllBytes(db);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 8192 && i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(db, bytes);
        try (ExperimentStore store = ExperimentStore.open(db)) {
            assertFalse(store.notices().isEmpty(), "damage must be reported");
            assertTrue(store.runs(RunQuery.all()).isEmpty());
        }
    }

    @Test
    void aRunLeftRunningByADeadProcessIsMarkedInterrupted(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("x.db");
        long id;
        try (ExperimentStore store = ExperimentStore.open(db)) {
            RunRecorder rec = store.recorder(new SyntheticRun(1, 1).spec, RunTags.NONE, null);
            rec.accept(new SyntheticRun(1, 1).started());
            id = rec.storedId().orElseThrow();
        }
        try (ExperimentStore store = ExperimentStore.open(db)) {
            assertEquals(StoredStatus.RUNNING, store.require(id).summary().status(), "this process is alive: still running");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE runs SET owner_start = 'another process'");
        }
        try (ExperimentStore store = ExperimentStore.open(db)) {
            assertEquals(StoredStatus.INTERRUPTED, store.require(id).summary().status());
            assertTrue(store.notices().get(0).contains("interrupted"), store.notices().toString());
        }
    }

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
