package org.giaworkbench.ui.sweep;

import java.util.function.DoubleConsumer;

/**
 * Runs the cells of a sweep, one at a time, on the sweep's own thread (it may block). The window's
 * implementation runs them on the compute service and records them in the experiment store; a sweep
 * runner shared with the CLI can take its place behind this interface.
 */
public interface SweepExecutor {

    /** Before the first cell: e.g. record the sweep's definition. */
    default void begin(SweepPlan plan) {
    }

    /**
     * Runs one cell to its end, or finds it already finished in the store (then {@code reused}).
     *
     * @param progress the cell's progress in [0, 1], called from any thread
     */
    SweepResults.CellResult run(String sweepId, SweepPlan.Cell cell, DoubleConsumer progress) throws InterruptedException;

    /** Stops the cell that runs now (it keeps what it has; the sweep stops after it). */
    void cancel();
}
