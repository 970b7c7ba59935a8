package org.giaworkbench.store;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.spec.ExperimentSpec;

/**
 * A {@link RunEventSink} decorator that writes a run into the store as its events arrive, then passes
 * every event on unchanged. The run row is committed at {@code Started}; series points and the latest
 * reconstruction are buffered and committed at most {@link #FLUSH_INTERVAL_MS} apart, so a killed
 * process loses at most that much; the end writes the complete series and final images.
 *
 * <p>A store failure never breaks the run: it is reported once on stderr and recording stops.
 */
public final class RunRecorder implements RunEventSink {

    /** Longest time between commits while a run goes. */
    public static final long FLUSH_INTERVAL_MS = 1000;

    private final ExperimentStore store;
    private final ExperimentSpec spec;
    private final RunTags tags;
    private final RunEventSink next;

    private volatile long storedId;
    private boolean broken;
    private final List<SeriesPoint> pending = new ArrayList<>();
    private int lastIteration;
    private ImageBatch pendingRecon;
    private ImageScores pendingScores;
    private long lastFlushMs = System.currentTimeMillis();

    RunRecorder(ExperimentStore store, ExperimentSpec spec, RunTags tags, RunEventSink next) {
        this.store = store;
        this.spec = spec;
        this.tags = tags == null ? RunTags.NONE : tags;
        this.next = next == null ? e -> { } : next;
    }

    /** The run's id in the store, once its first event has been written. */
    public OptionalLong storedId() {
        long id = storedId;
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    @Override
    public void accept(RunEvent event) {
        if (!broken) {
            try {
                record(event);
            } catch (RuntimeException e) {
                broken = true;
                System.err.println("gia: the run is no longer recorded in the experiment store: " + e.getMessage());
            }
        }
        next.accept(event);
    }

    private void record(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            storedId = store.insertRun(spec, tags, s.info(), s.truth(), s.trueLabels(), s.totalIterations(),
                    StoredStatus.RUNNING.key(), "running");
            lastFlushMs = System.currentTimeMillis();
        } else if (event instanceof RunEvent.Progress p) {
            pending.add(new SeriesPoint(p.iteration(), p.loss(), Double.NaN, Double.NaN));
            lastIteration = Math.max(lastIteration, p.iteration());
            flushIfDue();
        } else if (event instanceof RunEvent.Snapshot s) {
            pending.add(new SeriesPoint(s.iteration(), Double.NaN, s.scores().psnrMean(), s.scores().ssimMean()));
            lastIteration = Math.max(lastIteration, s.iteration());
            pendingRecon = s.reconstruction();
            pendingScores = s.scores();
            flushIfDue();
        } else if (event instanceof RunEvent.Finished f) {
            end(StoredStatus.of(f.result().status()), f.result().message(), f.result());
        } else if (event instanceof RunEvent.Cancelled c) {
            end(StoredStatus.CANCELLED, c.bestSoFar() != null ? c.bestSoFar().message() : "cancelled", c.bestSoFar());
        } else if (event instanceof RunEvent.Failed f) {
            StoredStatus status = f.partial() != null ? StoredStatus.of(f.partial().status()) : StoredStatus.FAILED;
            if (status == StoredStatus.FINISHED) {
                status = StoredStatus.FAILED;
            }
            end(status, f.message() + (f.hint() == null || f.hint().isEmpty() ? "" : " (" + f.hint() + ")"), f.partial());
        }
    }

    private void flushIfDue() {
        if (storedId > 0 && System.currentTimeMillis() - lastFlushMs >= FLUSH_INTERVAL_MS) {
            flush();
        }
    }

    private void flush() {
        ImageScores s = pendingScores;
        store.writeProgress(storedId, List.copyOf(pending), lastIteration, pendingRecon,
                s == null ? null : s.psnr(), s == null ? null : s.ssim(),
                s == null ? Double.NaN : s.psnrMean(), s == null ? Double.NaN : s.ssimMean());
        pending.clear();
        pendingRecon = null;
        pendingScores = null;
        lastFlushMs = System.currentTimeMillis();
    }

    private void end(StoredStatus status, String message, RunResult result) {
        if (storedId <= 0) {
            // Failed before it started (bad spec, engine error): still on record, with its spec.
            storedId = store.insertRun(spec, tags, result == null ? null : result.info(), result == null ? null : result.truth(),
                    result == null ? null : result.trueLabels(), 0, status.key(), message);
        } else if (result == null && !pending.isEmpty()) {
            flush();
        }
        store.writeEnd(storedId, status, message, result);
        pending.clear();
    }
}
