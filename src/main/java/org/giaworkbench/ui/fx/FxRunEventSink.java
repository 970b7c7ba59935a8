package org.giaworkbench.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;

/**
 * Carries run events from the compute thread to the FX thread without ever blocking the former or
 * flooding the latter.
 *
 * <p>Events wait in a small list; at most one drain task is queued on the UI executor at any time.
 * A {@link RunEvent.Progress} or {@link RunEvent.Snapshot} replaces an older one of its kind that is
 * still waiting (only the newest matters to a display), but never one from before a lifecycle event,
 * so order is kept. {@link RunEvent.Started} and the terminal events are never dropped.
 */
public final class FxRunEventSink implements RunEventSink {

    private final Consumer<RunEvent> target;
    private final Executor uiExecutor;
    private final Object lock = new Object();
    private final List<RunEvent> pending = new ArrayList<>();
    private boolean drainQueued;
    private long received;
    private long delivered;

    /**
     * @param target     gets the events, in order, on the UI executor's thread
     * @param uiExecutor {@code Platform::runLater} in the window; a queue the test drains by hand in tests
     */
    public FxRunEventSink(Consumer<RunEvent> target, Executor uiExecutor) {
        this.target = target;
        this.uiExecutor = uiExecutor;
    }

    /** Delivers to {@code target} on the JavaFX application thread. */
    public static FxRunEventSink onFxThread(Consumer<RunEvent> target) {
        return new FxRunEventSink(target, Platform::runLater);
    }

    @Override
    public void accept(RunEvent event) {
        boolean queue;
        synchronized (lock) {
            received++;
            if (event instanceof RunEvent.Progress || event instanceof RunEvent.Snapshot) {
                for (int i = pending.size() - 1; i >= 0; i--) {
                    RunEvent older = pending.get(i);
                    if (older instanceof RunEvent.Started || older.isTerminal()) {
                        break;
                    }
                    if (older.getClass() == event.getClass()) {
                        pending.remove(i);
                        break;
                    }
                }
            }
            pending.add(event);
            queue = !drainQueued;
            drainQueued = true;
        }
        if (queue) {
            try {
                uiExecutor.execute(this::drain);
            } catch (IllegalStateException toolkitGone) {
                // The window has closed while the run was ending: nobody is left to show the event.
                synchronized (lock) {
                    drainQueued = false;
                }
            }
        }
    }

    private void drain() {
        List<RunEvent> batch;
        synchronized (lock) {
            batch = new ArrayList<>(pending);
            pending.clear();
            drainQueued = false;
            delivered += batch.size();
        }
        for (RunEvent e : batch) {
            target.accept(e);
        }
    }

    /** Events received from the compute thread so far. */
    public long received() {
        synchronized (lock) {
            return received;
        }
    }

    /** Events handed to the target so far (the rest were coalesced away or are waiting). */
    public long delivered() {
        synchronized (lock) {
            return delivered;
        }
    }
}
