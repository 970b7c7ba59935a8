package org.giaworkbench.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunQuery;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.ui.history.StoredRunFixture;
import org.giaworkbench.ui.store.StoreAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's sweep cells against a real temporary store and a fake compute service that "runs" a
 * cell by sending a finished run's events: cells are recorded with the sweep's tags, and a sweep run
 * again skips the cells the store already has (an interrupted sweep resumes with the missing ones).
 */
class WindowSweepExecutorTest {

    @TempDir
    Path dir;

    private final List<String> submitted = new ArrayList<>();

    private WindowSweepExecutor.Runner fakeCompute() {
        return (spec, sink) -> {
            submitted.add(spec.data().batch() + "/" + spec.data().seed());
            RunResult result = null;
            for (RunEvent e : StoredRunFixture.events(spec, 10.0 + spec.data().batch() + spec.data().seed() / 10.0)) {
                sink.accept(e);
                if (e instanceof RunEvent.Finished f) {
                    result = f.result();
                }
            }
            return new RunHandle(1, new CancellationToken(), CompletableFuture.completedFuture(result));
        };
    }

    @Test
    void anInterruptedSweepResumesWithOnlyTheMissingCells() throws Exception {
        SweepForm form = new SweepForm(() -> Presets.load("quickstart-dlg"));
        form.addRow("data.batch", "1,2");
        form.seedsProperty().set(2);
        SweepPlan plan = form.plan();
        List<SweepPlan.Cell> cells = plan.cells();
        try (StoreAccess access = new StoreAccess(dir.resolve("s.db"), Runnable::run)) {
            assertEquals(null, access.openError());
            WindowSweepExecutor exec = new WindowSweepExecutor(fakeCompute(), access);
            exec.begin(plan);
            // The first sweep stops after two cells.
            List<SweepResults.CellResult> first = new ArrayList<>();
            for (SweepPlan.Cell c : cells.subList(0, 2)) {
                first.add(exec.run(plan.sweepId(), c, f -> { }));
            }
            assertEquals(List.of("1/0", "1/1"), submitted);
            assertTrue(first.stream().noneMatch(SweepResults.CellResult::reused));
            assertEquals(10.0 + 1 + 0.1, first.get(1).psnr(), 1e-9);

            // Run again: the two stored cells are reused, only the other two run.
            submitted.clear();
            List<SweepResults.CellResult> again = new ArrayList<>();
            for (SweepPlan.Cell c : cells) {
                again.add(exec.run(plan.sweepId(), c, f -> { }));
            }
            assertEquals(List.of("2/0", "2/1"), submitted);
            assertEquals(List.of(true, true, false, false), again.stream().map(SweepResults.CellResult::reused).toList());
            assertEquals(first.get(0).runId(), again.get(0).runId());
            assertEquals(first.get(1).psnr(), again.get(1).psnr(), 1e-9, "the stored cell's PSNR");

            ExperimentStore store = access.storeOrNull();
            List<RunSummary> runs = store.runs(RunQuery.all().withSweep(plan.sweepId()));
            assertEquals(4, runs.size());
            assertEquals(List.of("data.batch=2|seed=1", "data.batch=2|seed=0", "data.batch=1|seed=1", "data.batch=1|seed=0"),
                    runs.stream().map(RunSummary::cellKey).toList());
            assertTrue(store.sweepDefinition(plan.sweepId()).orElseThrow().contains("\"data.batch\""));
            List<SweepResults.Row> rows = SweepResults.summarise(again);
            assertEquals(2, rows.size());
            assertEquals(11.05, rows.get(0).mean(), 1e-9);
            assertFalse(Double.isNaN(rows.get(1).std()));
        }
    }
}
