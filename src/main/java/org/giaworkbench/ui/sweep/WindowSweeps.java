package org.giaworkbench.ui.sweep;

import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.sweep.SweepRunner;

/** The window's sweeps: the CLI's {@link SweepRunner} on the window's compute service and experiment store. */
public final class WindowSweeps implements SweepService {

    private final ComputeService compute;
    private final ExperimentStore store;
    private volatile SweepRunner current;

    /** @param store null: sweeps cannot run (they live in the store), and say so */
    public WindowSweeps(ComputeService compute, ExperimentStore store) {
        this.compute = compute;
        this.store = store;
    }

    @Override
    public SweepRunner.Outcome run(SweepPlan plan, SweepRunner.Listener listener) throws InterruptedException {
        SweepRunner runner = new SweepRunner(compute, requireStore());
        current = runner;
        try {
            return runner.run(plan, listener);
        } finally {
            current = null;
        }
    }

    @Override
    public void cancel() {
        SweepRunner r = current;
        if (r != null) {
            r.cancel();
        }
    }

    @Override
    public SweepResults collect(SweepPlan plan) {
        return SweepResults.collect(requireStore(), plan);
    }

    private ExperimentStore requireStore() {
        if (store == null) {
            throw GiaException.badInput("no experiment store: a sweep keeps its cells there",
                    "start the window with -Dgia.db=FILE or GIA_DB=FILE");
        }
        return store;
    }
}
