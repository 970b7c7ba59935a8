package org.giaworkbench.core.result;

import java.util.List;
import org.giaworkbench.core.spec.ExperimentSpec;

/**
 * Everything a run produced, on the host: what the GUI shows, the CLI writes and the store keeps.
 *
 * @param truth           the client's images (de-normalised, [0, 1])
 * @param reconstruction  the attack's best images (lowest attack loss), paired to {@code truth} order
 * @param trueLabels      the client's labels
 * @param recoveredLabels the labels the attack used or inferred (empty if it has none)
 * @param labelAccuracy   order-free fraction of correct recovered labels; NaN without recovered labels
 * @param labelAccuracyVariant exactly how {@code labelAccuracy} is counted
 * @param iterations      iterations completed
 * @param bestLoss        attack loss of the returned reconstruction
 * @param extras          exact recovery and what a malicious server changed ({@link RunExtras#NONE} if nothing)
 */
public record RunResult(ExperimentSpec spec, RunStatus status, String message, RunInfo info,
                        ImageBatch truth, ImageBatch reconstruction, int[] trueLabels, int[] recoveredLabels,
                        double labelAccuracy, String labelAccuracyVariant, ImageScores scores, List<SeriesPoint> series,
                        int iterations, double bestLoss, double wallSeconds, RunExtras extras) {

    /** A result without extras. */
    public RunResult(ExperimentSpec spec, RunStatus status, String message, RunInfo info,
                     ImageBatch truth, ImageBatch reconstruction, int[] trueLabels, int[] recoveredLabels,
                     double labelAccuracy, String labelAccuracyVariant, ImageScores scores, List<SeriesPoint> series,
                     int iterations, double bestLoss, double wallSeconds) {
        this(spec, status, message, info, truth, reconstruction, trueLabels, recoveredLabels, labelAccuracy,
                labelAccuracyVariant, scores, series, iterations, bestLoss, wallSeconds, RunExtras.NONE);
    }
}
