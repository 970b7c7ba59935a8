package org.giaworkbench.core.run;

/** Receives a run's events on the compute thread; must return quickly and never block on the UI. */
@FunctionalInterface
public interface RunEventSink {
    void accept(RunEvent event);
}
