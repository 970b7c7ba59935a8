package org.giaworkbench.core.train;

/** Receives a training job's events on the compute thread; must return quickly and never block on the UI. */
@FunctionalInterface
public interface TrainingEventSink {
    void accept(TrainingEvent event);
}
