package org.giaworkbench.core.train;

import org.giaworkbench.core.GiaException;

/**
 * What the compute thread tells the GUI and the CLI about a training job. Immutable; sent in order;
 * exactly one of {@link Finished}, {@link Cancelled}, {@link Failed} ends every job.
 */
public sealed interface TrainingEvent {

    long jobId();

    /**
     * Data and model are ready; {@code batchesPerEpoch} steps make one epoch; {@code start} holds the
     * held-out loss and accuracy of the start weights (epoch 0).
     */
    record Started(long jobId, TrainingSpec spec, String dataset, String folder, int trainImages, int heldOutImages,
                   int batchesPerEpoch, long parameterCount, EpochStats start) implements TrainingEvent {
    }

    /** After a step: running mean loss and accuracy of the epoch so far. May be coalesced. */
    record Progress(long jobId, int epoch, int batch, int batchesPerEpoch, double loss, double accuracy,
                    double imagesPerSecond, double elapsedSeconds) implements TrainingEvent {
    }

    /** An epoch completed and its checkpoint is on disk. */
    record EpochDone(long jobId, EpochStats stats) implements TrainingEvent {
    }

    record Finished(long jobId, TrainingResult result) implements TrainingEvent {
    }

    /** Cancelled by the user; the result keeps the epochs completed before. */
    record Cancelled(long jobId, TrainingResult result) implements TrainingEvent {
    }

    /** The job could not go on (e.g. the loss became NaN); {@code partial} may be null before the first step. */
    record Failed(long jobId, GiaException.Kind kind, String message, String hint, TrainingResult partial)
            implements TrainingEvent {
    }

    default boolean isTerminal() {
        return this instanceof Finished || this instanceof Cancelled || this instanceof Failed;
    }
}
