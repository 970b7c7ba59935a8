package org.giaworkbench.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;

/** Keeps every event of a run, in order, and lets a test react to one (e.g. cancel at an iteration). */
public final class RecordingSink implements RunEventSink {

    private final List<RunEvent> events = new ArrayList<>();
    private final Predicate<RunEvent> trigger;
    private final Runnable action;
    private boolean fired;

    public RecordingSink() {
        this(e -> false, () -> { });
    }

    public RecordingSink(Predicate<RunEvent> trigger, Runnable action) {
        this.trigger = trigger;
        this.action = action;
    }

    @Override
    public synchronized void accept(RunEvent event) {
        events.add(event);
        if (!fired && trigger.test(event)) {
            fired = true;
            action.run();
        }
    }

    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    public synchronized <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized RunEvent last() {
        return events.get(events.size() - 1);
    }
}
