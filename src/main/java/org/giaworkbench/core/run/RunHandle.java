package org.giaworkbench.core.run;

import java.util.concurrent.CompletableFuture;
import org.giaworkbench.core.result.RunResult;

/** A submitted run: its id, a way to cancel it, and its outcome once known. */
public record RunHandle(long runId, CancellationToken token, CompletableFuture<RunResult> outcome) {

    public void cancel() {
        token.cancel();
    }
}
