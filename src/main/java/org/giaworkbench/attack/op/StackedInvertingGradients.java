package org.giaworkbench.attack.op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.attack.StackedMatching;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.optim.Adam;
import org.giaworkbench.attack.optim.MultiStepLr;
import org.giaworkbench.attack.optim.Signs;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.Replicas;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.ServerView;
import ai.djl.ndarray.NDManager;

/**
 * Inverting Gradients for several independent trials in lockstep on one stacked model: IG's restarts,
 * or the cells of a sweep. Each trial follows exactly the steps it would take alone (same start, same
 * signed-Adam steps, same schedule and box), so only the speed changes: on a GPU one evaluation of K
 * trials costs about what one trial costs, because a single trial of a CIFAR-size model leaves the
 * GPU waiting on kernel launches.
 */
public final class StackedInvertingGradients {

    /** One trial: what its server sees, its labels, the seed of its random start. */
    public record Trial(ServerView view, int[] labels, long seed) {
    }

    /** Where each iteration's losses and guesses go (the guesses array is reused: copy what you keep). */
    @FunctionalInterface
    public interface Reporter {
        void iteration(int iteration, double[] losses, float[] guesses, int sizePerTrial);
    }

    private StackedInvertingGradients() {
    }

    /** Whether the trials can run stacked: the same stackable architecture, plain FedSGD gradients. */
    public static boolean applicable(List<Trial> trials) {
        List<GiaModel> models = new ArrayList<>();
        for (Trial t : trials) {
            if (t.view().simulatesLocalTraining() || !sameBox(t.view(), trials.get(0).view())) {
                return false;
            }
            models.add(t.view().model());
        }
        return trials.size() > 1 && Replicas.compatible(models);
    }

    private static boolean sameBox(ServerView a, ServerView b) {
        return Arrays.equals(a.box().mean(), b.box().mean()) && Arrays.equals(a.box().std(), b.box().std());
    }

    /**
     * Runs IG with {@code params} for every trial; {@code cancel} is checked before each iteration
     * (it throws to stop); iterations are reported from {@code firstIteration + 1}. The stacked model
     * lives in a sub-manager of {@code runManager}, closed on return.
     */
    public static void run(List<Trial> trials, ParamValues params, GradientOracle oracle, NDManager runManager,
                           Runnable cancel, int firstIteration, Reporter reporter) {
        int iterations = params.getInt("iterations");
        boolean signed = params.getBoolean("signed");
        boolean boxed = params.getBoolean("boxed");
        MultiStepLr schedule = params.getBoolean("lr-decay")
                ? MultiStepLr.invertingGradients(params.getDouble("lr"), iterations)
                : new MultiStepLr(params.getDouble("lr"), new int[0], 1.0);
        ServerView first = trials.get(0).view();
        int channels = (int) first.imageShape().get(0);
        int pixels = (int) (first.imageShape().get(1) * first.imageShape().get(2));
        try (NDManager scope = runManager.newSubManager()) {
            GiaModel stacked = Replicas.stack(trials.stream().map(t -> t.view().model()).toList(), scope);
            StackedMatching objective = new StackedMatching(stacked, trials.stream().map(Trial::view).toList(),
                    trials.stream().map(Trial::labels).toList(), params.getDouble("tv"), oracle, scope);
            int size = objective.sizePerTrial();
            float[] x = new float[size * trials.size()];
            for (int k = 0; k < trials.size(); k++) {
                float[] start = RandomStart.gaussian(size, trials.get(k).seed());
                System.arraycopy(start, 0, x, k * size, size);
            }
            // The box is per channel and the guesses are whole images one after the other: one pass clamps all.
            first.box().clamp(x, channels, pixels);
            float[] gradient = new float[x.length];
            Adam adam = new Adam();
            for (int it = 0; it < iterations; it++) {
                cancel.run();
                double[] losses = objective.evaluate(x, gradient);
                reporter.iteration(firstIteration + it + 1, losses, x, size);
                if (signed) {
                    Signs.signInPlace(gradient);
                }
                adam.step(x, gradient, schedule.lr(it));
                if (boxed) {
                    first.box().clamp(x, channels, pixels);
                }
            }
        }
    }

    /** A reporter for restarts of one run: each iteration reports the trial with the lowest loss. */
    static Reporter bestOf(AttackContext context) {
        return (iteration, losses, guesses, size) -> {
            int best = 0;
            for (int k = 1; k < losses.length; k++) {
                if (losses[k] < losses[best] || Double.isNaN(losses[best])) {
                    best = k;
                }
            }
            context.report(iteration, losses[best], Arrays.copyOfRange(guesses, best * size, (best + 1) * size));
        };
    }
}
