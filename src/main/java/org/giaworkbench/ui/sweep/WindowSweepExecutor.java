package org.giaworkbench.ui.sweep;

import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleConsumer;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunRecorder;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.RunTags;
import org.giaworkbench.ui.store.StoreAccess;

/**
 * The window's sweep cells: submitted to the compute service like a run of the window, recorded in
 * the experiment store with the sweep's id and the cell's key, and skipped when the store already
 * holds a finished run of that cell (so a sweep started again resumes).
 */
public final class WindowSweepExecutor implements SweepExecutor {

    /** Starts a run without blocking ({@code ComputeService::submit}). */
    @FunctionalInterface
    public interface Runner {
        RunHandle submit(ExperimentSpec spec, RunEventSink sink);
    }

    private final Runner runner;
    private final StoreAccess access;
    private volatile RunHandle current;
    private volatile boolean cancelled;

    public WindowSweepExecutor(Runner runner, StoreAccess access) {
        this.runner = runner;
        this.access = access;
    }

    @Override
    public void begin(SweepPlan plan) {
        cancelled = false;
        ExperimentStore store = access.storeOrNull();
        if (store != null) {
            store.putSweep(plan.sweepId(), plan.definitionJson());
        }
    }

    @Override
    public SweepResults.CellResult run(String sweepId, SweepPlan.Cell cell, DoubleConsumer progress) throws InterruptedException {
        ExperimentStore store = access.storeOrNull();
        if (store != null) {
            OptionalLong done = store.finishedRun(sweepId, cell.key());
            if (done.isPresent()) {
                double psnr = store.summary(done.getAsLong()).map(RunSummary::psnrMean).orElse(Double.NaN);
                progress.accept(1);
                return new SweepResults.CellResult(cell, done.getAsLong(), psnr, true);
            }
        }
        RunEventSink watch = e -> {
            if (e instanceof RunEvent.Progress p && p.totalIterations() > 0) {
                progress.accept(Math.min(1.0, p.iteration() / (double) p.totalIterations()));
            }
        };
        RunRecorder recorder = store == null ? null : store.recorder(cell.spec(), new RunTags(sweepId, cell.key()), watch);
        RunHandle handle = runner.submit(cell.spec(), recorder == null ? watch : recorder);
        current = handle;
        if (cancelled) {
            handle.cancel();
        }
        RunResult result;
        try {
            result = handle.outcome().get();
        } catch (ExecutionException e) {
            result = null;
        } catch (InterruptedException e) {
            handle.cancel();
            throw e;
        } finally {
            current = null;
        }
        progress.accept(1);
        // Only a finished cell counts in the statistics; a cancelled, diverged or failed one is shown as such.
        double psnr = result != null && result.status() == RunStatus.FINISHED ? result.scores().psnrMean() : Double.NaN;
        long id = recorder == null ? 0 : recorder.storedId().orElse(0);
        return new SweepResults.CellResult(cell, id, psnr, false);
    }

    @Override
    public void cancel() {
        cancelled = true;
        RunHandle h = current;
        if (h != null) {
            h.cancel();
        }
    }
}
