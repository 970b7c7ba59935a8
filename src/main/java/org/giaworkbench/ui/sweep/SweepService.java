package org.giaworkbench.ui.sweep;

import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.sweep.SweepRunner;

/**
 * What the sweep dialog needs of the sweep machinery: run a plan (blocking the sweep's own thread,
 * skipping the cells the store has finished), cancel it, and read its results from the store. The
 * window's implementation is {@link WindowSweeps}; tests give a made-up one.
 */
public interface SweepService {

    SweepRunner.Outcome run(SweepPlan plan, SweepRunner.Listener listener) throws InterruptedException;

    /** Stops the running cell (it keeps what it has) and the sweep after it. */
    void cancel();

    /** The plan's cells and group statistics as stored now. */
    SweepResults collect(SweepPlan plan);
}
