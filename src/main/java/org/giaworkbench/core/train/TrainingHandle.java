package org.giaworkbench.core.train;

import java.util.concurrent.CompletableFuture;
import org.giaworkbench.core.run.CancellationToken;

/** A submitted training job: its id, a way to cancel it, and its outcome (null if it failed before starting). */
public record TrainingHandle(long jobId, CancellationToken token, CompletableFuture<TrainingResult> outcome) {

    public void cancel() {
        token.cancel();
    }
}
