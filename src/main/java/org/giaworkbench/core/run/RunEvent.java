package org.giaworkbench.core.run;

import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.spec.ExperimentSpec;

/**
 * What the compute thread tells the GUI and the CLI about a run. Immutable; sent in order; exactly one
 * of {@link Finished}, {@link Cancelled}, {@link Failed} ends every run.
 */
public sealed interface RunEvent {

    long runId();

    /** The run's model and data are ready and iteration begins. */
    record Started(long runId, ExperimentSpec spec, RunInfo info, ImageBatch truth, int[] trueLabels,
                   int totalIterations) implements RunEvent {
    }

    /**
     * Frequent and cheap: may be coalesced by a listener. {@code liveArrays} counts the native arrays
     * the run holds, which stays flat in a healthy run.
     */
    record Progress(long runId, int iteration, int totalIterations, double loss, double bestLoss,
                    double iterationsPerSecond, double elapsedSeconds, int liveArrays) implements RunEvent {
    }

    /** Occasional: the current best reconstruction and its metrics. */
    record Snapshot(long runId, int iteration, ImageBatch reconstruction, ImageScores scores) implements RunEvent {
    }

    record Finished(long runId, RunResult result) implements RunEvent {
    }

    /** Cancelled by the user; {@code bestSoFar} holds what was reconstructed until then. */
    record Cancelled(long runId, RunResult bestSoFar) implements RunEvent {
    }

    /**
     * The run could not go on. {@code partial} holds what was computed before (may be null when the
     * failure came before the first iteration).
     */
    record Failed(long runId, GiaException.Kind kind, String message, String hint, RunResult partial)
            implements RunEvent {
    }

    /** True for the events that end a run. */
    default boolean isTerminal() {
        return this instanceof Finished || this instanceof Cancelled || this instanceof Failed;
    }
}
