package org.giaworkbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.GradientSimilarity;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunRecorder;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.RunTags;
import org.giaworkbench.store.StoredStatus;

/**
 * Runs a sweep's missing cells on the compute service, one after the other or, where they can share a
 * stacked model on a GPU, several at once ({@link ComputeService#submitGroup}), each recorded in the
 * store with the sweep's id and its cell key. Cells with a finished run in the store are skipped, so
 * running the same sweep again resumes it. Blocks the caller (never call it on the FX thread);
 * {@link #cancel()} from any thread stops the current run and the sweep.
 */
public final class SweepRunner {

    /** What a sweep tells its caller; every method has a default so callers pick what they show. */
    public interface Listener {
        default void planned(SweepPlan plan, int missing) {
        }

        default void skipped(int index, SweepCell cell, long runId) {
        }

        /** The cells about to run together (one, or several stacked on a GPU); their {@code started} follow. */
        default void group(List<Integer> indices) {
        }

        default void started(int index, SweepCell cell) {
        }

        /** Every event of the cell's run, on the compute thread. */
        default void event(int index, SweepCell cell, RunEvent event) {
        }

        default void ended(int index, SweepCell cell, RunSummary run) {
        }
    }

    /** How a sweep call ended. */
    public record Outcome(int total, int skipped, int ran, int notFinished, boolean cancelled) {
    }

    private final ComputeService compute;
    private final ExperimentStore store;
    private volatile boolean cancelled;
    private volatile RunHandle current;

    public SweepRunner(ComputeService compute, ExperimentStore store) {
        this.compute = compute;
        this.store = store;
    }

    public void cancel() {
        cancelled = true;
        RunHandle h = current;
        if (h != null) {
            h.cancel();
        }
    }

    public Outcome run(SweepPlan plan, Listener listener) throws InterruptedException {
        store.putSweep(plan.sweepId(), plan.definition().toJson().toString());
        int missing = 0;
        for (SweepCell c : plan.cells()) {
            if (store.finishedRun(plan.sweepId(), c.key()).isEmpty()) {
                missing++;
            }
        }
        listener.planned(plan, missing);
        int skipped = 0;
        int ran = 0;
        int notFinished = 0;
        int i = 0;
        while (i < plan.cells().size() && !cancelled) {
            SweepCell cell = plan.cells().get(i);
            OptionalLong done = store.finishedRun(plan.sweepId(), cell.key());
            if (done.isPresent()) {
                addMetrics(plan, cell, done.getAsLong());
                skipped++;
                listener.skipped(i, cell, done.getAsLong());
                i++;
                continue;
            }
            List<Integer> group = stackableGroup(plan, i);
            List<RunRecorder> recorders = new ArrayList<>();
            List<ExperimentSpec> specs = new ArrayList<>();
            listener.group(List.copyOf(group));
            for (int index : group) {
                SweepCell c = plan.cells().get(index);
                listener.started(index, c);
                recorders.add(store.recorder(c.spec(), new RunTags(plan.sweepId(), c.key()), e -> listener.event(index, c, e)));
                specs.add(c.spec());
            }
            List<RunHandle> handles = group.size() == 1
                    ? List.of(compute.submit(specs.get(0), recorders.get(0)))
                    : compute.submitGroup(specs, new ArrayList<>(recorders));
            current = handles.get(0); // the group shares one cancellation
            if (cancelled) {
                handles.get(0).cancel();
            }
            ExecutionException failed = null;
            for (RunHandle h : handles) {
                try {
                    h.outcome().get();
                } catch (ExecutionException e) {
                    failed = failed == null ? e : failed; // wait for the whole group before reporting
                }
            }
            current = null;
            if (failed != null) {
                throw new IllegalStateException("sweep " + (group.size() == 1 ? "cell " + cell.key()
                        : "group of " + group.size() + " cells from " + cell.key()) + " failed unexpectedly", failed.getCause());
            }
            for (int g = 0; g < group.size(); g++) {
                int index = group.get(g);
                SweepCell c = plan.cells().get(index);
                RunRecorder recorder = recorders.get(g);
                ran++;
                if (recorder.storedId().isEmpty()) {
                    notFinished++;
                    continue;
                }
                long id = recorder.storedId().getAsLong();
                RunSummary summary = store.summary(id).orElseThrow();
                if (summary.status() == StoredStatus.FINISHED) {
                    addMetrics(plan, c, id);
                } else {
                    notFinished++;
                }
                listener.ended(index, c, summary);
            }
            i = group.get(group.size() - 1) + 1;
        }
        return new Outcome(plan.cells().size(), skipped, ran, notFinished, cancelled);
    }

    /**
     * The missing cells from {@code first} on that can run stacked on one model (see
     * {@link ComputeService#submitGroup}): consecutive, not yet in the store, at most
     * {@link ComputeService#maxGroup()}; just {@code first} when stacking does not apply.
     */
    private List<Integer> stackableGroup(SweepPlan plan, int first) {
        List<Integer> group = new ArrayList<>(List.of(first));
        List<ExperimentSpec> specs = new ArrayList<>(List.of(plan.cells().get(first).spec()));
        for (int i = first + 1; i < plan.cells().size() && group.size() < compute.maxGroup(); i++) {
            SweepCell c = plan.cells().get(i);
            if (store.finishedRun(plan.sweepId(), c.key()).isPresent()) {
                break;
            }
            specs.add(c.spec());
            if (!compute.stacks(specs)) {
                specs.remove(specs.size() - 1);
                break;
            }
            group.add(i);
        }
        return group;
    }

    /** Computes the sweep's extra metrics that the run does not have yet (also for resumed cells). */
    private void addMetrics(SweepPlan plan, SweepCell cell, long runId) {
        if (plan.definition().metrics().contains(SweepDefinition.GRADIENT_COSINE)
                && !store.require(runId).metrics().containsKey(SweepDefinition.GRADIENT_COSINE)) {
            try {
                store.putMetric(runId, SweepDefinition.GRADIENT_COSINE, GradientSimilarity.meanSingleToBatchCosine(compute, cell.spec()));
            } catch (GiaException e) {
                throw e;
            } catch (Exception e) {
                throw new GiaException(GiaException.Kind.ENGINE, "cannot compute the gradient similarity of cell " + cell.key()
                        + ": " + e.getMessage(), "", e);
            }
        }
    }
}
