package org.giaworkbench.core.run;

import java.util.concurrent.CancellationException;

/** Set from any thread, checked by the compute thread between iterations. */
public final class CancellationToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} once cancelled, so that deep loops unwind in one step. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("run cancelled");
        }
    }
}
