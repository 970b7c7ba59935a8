package org.giaworkbench.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.giaworkbench.attack.op.StackedInvertingGradients;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * Runs of Inverting Gradients that differ only in what each trial sees (images, seeds, model weights)
 * executed in lockstep on one stacked model ({@link StackedInvertingGradients}), each still a run of
 * its own: its own events, session, result and store record. Used for the cells of a sweep on a GPU.
 */
final class StackedRuns {

    static final String ATTACK = "inverting-gradients";

    private StackedRuns() {
    }

    /**
     * Whether the specs can share one stacked model, judged from the specs alone (the prepared models
     * are checked again): IG with identical settings and one restart each, the same device, data shape,
     * normalisation, architecture and BatchNorm mode, FedSGD.
     */
    static boolean candidates(List<ExperimentSpec> specs) {
        if (specs.size() < 2) {
            return false;
        }
        ExperimentSpec a = specs.get(0);
        for (ExperimentSpec s : specs) {
            if (s.attack() == null || !ATTACK.equals(s.attack().id()) || s.fl().fedAvg()
                    || !Objects.equals(s.attack().params(), a.attack().params())
                    || !Objects.equals(s.run().device(), a.run().device())
                    || s.data().batch() != a.data().batch() || !Objects.equals(s.data().resolution(), a.data().resolution())
                    || !Objects.equals(s.data().source(), a.data().source())
                    || !Objects.equals(s.data().normalization(), a.data().normalization())
                    || !Objects.equals(s.model().arch(), a.model().arch())
                    || !Objects.equals(s.model().activation(), a.model().activation())
                    || !Objects.equals(s.model().batchNorm(), a.model().batchNorm())
                    || !Objects.equals(s.model().numClasses(), a.model().numClasses())) {
                return false;
            }
            Object restarts = s.attack().params().get("restarts");
            if (restarts != null && !"1".equals(String.valueOf(restarts))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the prepared runs can share one stacked model (their shipped models and views agree). */
    static boolean applicable(List<AttackRunner.Prepared> runs) {
        List<StackedInvertingGradients.Trial> trials = new ArrayList<>();
        for (AttackRunner.Prepared p : runs) {
            if (p.modelModified()) {
                return false;
            }
            trials.add(new StackedInvertingGradients.Trial(p.view, new int[0], 0));
        }
        return StackedInvertingGradients.applicable(trials);
    }

    /**
     * Runs the prepared runs in lockstep. A trial that diverges ends on its own (the others go on); a
     * cancellation or an engine failure ends them all. Returns each run's outcome, in order.
     */
    static List<AttackRunner.Outcome> run(List<AttackRunner.Prepared> runs, GradientOracle oracle) {
        AttackRunner.Outcome[] outcomes = new AttackRunner.Outcome[runs.size()];
        try {
            List<StackedInvertingGradients.Trial> trials = new ArrayList<>();
            AttackRunner.Prepared first = runs.get(0);
            int iterations = first.params.getInt("iterations");
            for (AttackRunner.Prepared p : runs) {
                int[] labels = labels(p);
                trials.add(new StackedInvertingGradients.Trial(p.view, labels, p.session.seed()));
                p.session.reportLabels(labels);
                p.session.expectIterations(iterations);
            }
            StackedInvertingGradients.run(trials, first.params, oracle, first.session.runManager(),
                    () -> first.session.checkCancelled(), 0, (iteration, losses, guesses, size) -> {
                        for (int k = 0; k < runs.size(); k++) {
                            if (outcomes[k] != null) {
                                continue;
                            }
                            try {
                                runs.get(k).session.report(iteration, losses[k],
                                        java.util.Arrays.copyOfRange(guesses, k * size, (k + 1) * size));
                            } catch (GiaException e) {
                                outcomes[k] = AttackRunner.Outcome.of(e, runs.get(k).session);
                            }
                        }
                    });
        } catch (Throwable e) {
            // Cancellation, the engine, or anything else: every run still going ends with it (a run
            // alone would report the same), none is left without an end.
            for (int k = 0; k < runs.size(); k++) {
                if (outcomes[k] == null) {
                    outcomes[k] = AttackRunner.Outcome.of(e, runs.get(k).session);
                }
            }
        }
        List<AttackRunner.Outcome> out = new ArrayList<>();
        for (AttackRunner.Outcome o : outcomes) {
            out.add(o == null ? AttackRunner.Outcome.FINISHED : o);
        }
        return out;
    }

    /** IG assumes labels; the threat model grants them for every run that reaches here. */
    private static int[] labels(AttackRunner.Prepared p) {
        int[] granted = p.grantedLabels();
        if (granted == null) {
            return org.giaworkbench.attack.LabelInference.fromLastLayer(p.view);
        }
        return granted;
    }
}
