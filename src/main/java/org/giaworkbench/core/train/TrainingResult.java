package org.giaworkbench.core.train;

import java.util.List;
import org.giaworkbench.core.result.RunStatus;

/**
 * How a training job ended and what it left: the completed epochs (each with its checkpoint) in
 * {@code folder}. A cancelled or diverged job keeps every epoch that completed before.
 */
public record TrainingResult(TrainingSpec spec, RunStatus status, String message, String folder,
                             EpochStats start, List<EpochStats> epochs, int trainImages, int heldOutImages, long parameterCount,
                             double seconds) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** The last completed epoch, or null when none completed. */
    public EpochStats last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
