package org.giaworkbench.attack.op;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Collections;
import java.util.function.IntToDoubleFunction;
import org.giaworkbench.attack.BatchNormPrior;
import org.giaworkbench.attack.LabelInference;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.StackedMatching;
import org.giaworkbench.attack.optim.Adam;
import org.giaworkbench.attack.optim.CosineLr;
import org.giaworkbench.attack.optim.MultiStepLr;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.Replicas;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * GradInversion (Yin, Mallya, Vahdat, Alvarez, Kautz, Molchanov. See through Gradients: Image Batch
 * Recovery via GradInversion. CVPR 2021): squared-L2 gradient matching plus {@link GradInversionPrior}
 * (total variation, L2 image norm, BatchNorm statistics, group consistency), optimised with Adam for
 * several candidates from different seeds in lockstep. Every iteration the candidates are registered
 * to their mean ({@link GroupRegistration}); each makes one Adam step on its objective, pulled toward
 * that registered mean, and is boxed to the valid range. Labels: granted, or restored from the last
 * layer by {@link LabelInference#fromRowMinima}.
 * The run keeps the lowest-loss image among the candidates at each iteration and, at the end, the
 * registered mean when it scores lower. Where {@link Stacking} allows (a GPU), the candidates run in
 * lockstep on one stacked model ({@link StackedGradInversionPrior}).
 */
final class GradInversion implements Attack {

    private final ParamValues params;
    private GradInversionPrior lastPrior;

    GradInversion(ParamValues params) {
        this.params = params;
    }

    /** The prior of the last run (for tests that check the BatchNorm term is used). */
    GradInversionPrior lastPrior() {
        return lastPrior;
    }

    @Override
    public void run(ServerView view, AttackContext context) {
        int[] labels = view.knownLabels() != null ? view.knownLabels() : LabelInference.fromRowMinima(view);
        context.reportLabels(labels);
        int iterations = params.getInt("iterations");
        int groupSize = params.getInt("group");
        context.expectIterations(iterations);
        BatchNormPrior statistics = BatchNormPrior.capture(view.model(), context.runManager());
        // The objective is scale * distance + R_aux. Adam's steps do not change when the whole objective is
        // multiplied by a constant, so the priors are weighted by 1/scale against the plain distance instead.
        double scale = params.getDouble("scale");
        GradInversionPrior prior = new GradInversionPrior(params.getDouble("tv") / scale, params.getDouble("l2") / scale,
                params.getDouble("bn") / scale, groupSize > 1 ? params.getDouble("group-weight") / scale : 0, statistics);
        lastPrior = prior;
        MatchingObjective objective = new MatchingObjective(view, context, Distance.SQUARED_L2, prior, labels);
        IntToDoubleFunction schedule = schedule(params.getString("schedule"), params.getDouble("lr"), iterations);
        if (groupSize > 1 && Stacking.wanted(view.model()) && !view.simulatesLocalTraining()) {
            runStacked(view, context, labels, iterations, groupSize, scale, schedule);
        } else {
            runOneByOne(view, context, objective, prior, iterations, groupSize, scale, schedule);
        }
        if (groupSize > 1) {
            float[] gradient = new float[objective.size()];
            GroupRegistration registration = new GroupRegistration((int) view.imageShape().get(0),
                    (int) view.imageShape().get(1), (int) view.imageShape().get(2), params.getInt("register"));
            registration.targets(finalCandidates);
            float[] fused = registration.registeredMean();
            prior.setGroupMean(fused);
            context.report(iterations, objective.evaluate(fused, gradient) * scale, fused);
        }
    }

    /** The candidates at the end of the last run (for the registered mean). */
    private float[][] finalCandidates;

    private void runOneByOne(ServerView view, AttackContext context, MatchingObjective objective, GradInversionPrior prior,
                             int iterations, int groupSize, double scale, IntToDoubleFunction schedule) {
        int channels = (int) view.imageShape().get(0);
        int pixels = (int) (view.imageShape().get(1) * view.imageShape().get(2));
        float[][] candidates = new float[groupSize][];
        Adam[] adams = new Adam[groupSize];
        for (int g = 0; g < groupSize; g++) {
            candidates[g] = RandomStart.gaussian(objective.size(), context.seed() + g);
            view.box().clamp(candidates[g], channels, pixels);
            adams[g] = new Adam();
        }
        float[] gradient = new float[objective.size()];
        GroupRegistration registration = new GroupRegistration(channels, (int) view.imageShape().get(1),
                (int) view.imageShape().get(2), params.getInt("register"));
        for (int it = 0; it < iterations; it++) {
            float[][] targets = groupSize > 1 ? registration.targets(candidates) : null;
            double bestLoss = Double.POSITIVE_INFINITY;
            float[] best = null;
            for (int g = 0; g < groupSize; g++) {
                prior.setGroupMean(targets == null ? null : targets[g]);
                double loss = objective.evaluate(candidates[g], gradient);
                if (loss < bestLoss || best == null) {
                    bestLoss = loss;
                    best = Arrays.copyOf(candidates[g], candidates[g].length);
                }
                adams[g].step(candidates[g], gradient, schedule.applyAsDouble(it));
                view.box().clamp(candidates[g], channels, pixels);
            }
            context.report(it + 1, bestLoss * scale, best);
        }
        finalCandidates = candidates;
    }

    /**
     * The candidates in lockstep on one stacked model ({@link StackedInvertingGradients}'s machinery):
     * every iteration registers them to their mean, evaluates all at once, reports the best and steps
     * each, as {@link #runOneByOne} does one candidate at a time.
     */
    private void runStacked(ServerView view, AttackContext context, int[] labels, int iterations, int groupSize,
                            double scale, IntToDoubleFunction schedule) {
        int channels = (int) view.imageShape().get(0);
        int pixels = (int) (view.imageShape().get(1) * view.imageShape().get(2));
        try (NDManager scope = context.runManager().newSubManager()) {
            GiaModel stacked = Replicas.stack(Collections.nCopies(groupSize, view.model()), scope);
            StackedGradInversionPrior prior = new StackedGradInversionPrior(params.getDouble("tv") / scale,
                    params.getDouble("l2") / scale, params.getDouble("bn") / scale, params.getDouble("group-weight") / scale,
                    BatchNormPrior.capture(stacked, scope));
            StackedMatching objective = new StackedMatching(stacked, Collections.nCopies(groupSize, view),
                    Collections.nCopies(groupSize, labels), Distance.SQUARED_L2, prior, context.gradients(), scope);
            int size = objective.sizePerTrial();
            float[][] candidates = new float[groupSize][];
            float[] x = new float[size * groupSize];
            for (int g = 0; g < groupSize; g++) {
                candidates[g] = RandomStart.gaussian(size, context.seed() + g);
                view.box().clamp(candidates[g], channels, pixels);
            }
            GroupRegistration registration = new GroupRegistration(channels, (int) view.imageShape().get(1),
                    (int) view.imageShape().get(2), params.getInt("register"));
            float[] gradient = new float[x.length];
            Adam adam = new Adam(); // elementwise: one Adam over all candidates is one per candidate
            for (int it = 0; it < iterations; it++) {
                context.checkCancelled();
                float[][] targets = registration.targets(candidates);
                float[] means = new float[x.length];
                for (int g = 0; g < groupSize; g++) {
                    System.arraycopy(candidates[g], 0, x, g * size, size);
                    System.arraycopy(targets[g], 0, means, g * size, size);
                }
                prior.setGroupMeans(means);
                double[] losses = objective.evaluate(x, gradient);
                int best = 0;
                for (int g = 1; g < groupSize; g++) {
                    if (losses[g] < losses[best]) {
                        best = g;
                    }
                }
                context.report(it + 1, losses[best] * scale, candidates[best].clone());
                adam.step(x, gradient, schedule.applyAsDouble(it));
                view.box().clamp(x, channels, pixels);
                for (int g = 0; g < groupSize; g++) {
                    System.arraycopy(x, g * size, candidates[g], 0, size);
                }
            }
            finalCandidates = candidates;
        }
    }

    /** cosine: warm-up over min(50, n/10) steps then cosine decay; step: x0.1 at 3/8, 5/8, 7/8; constant. */
    static IntToDoubleFunction schedule(String kind, double lr, int iterations) {
        return switch (kind) {
            case "cosine" -> new CosineLr(lr, iterations, Math.min(50, iterations / 10))::lr;
            case "step" -> MultiStepLr.invertingGradients(lr, iterations)::lr;
            default -> i -> lr;
        };
    }

    static float[] mean(float[][] xs) {
        float[] m = new float[xs[0].length];
        for (float[] x : xs) {
            for (int i = 0; i < m.length; i++) {
                m[i] += x[i];
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= xs.length;
        }
        return m;
    }
}
