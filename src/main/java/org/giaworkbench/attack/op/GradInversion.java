package org.giaworkbench.attack.op;

import java.util.Arrays;
import org.giaworkbench.attack.BatchNormPrior;
import org.giaworkbench.attack.LabelInference;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.optim.Adam;
import org.giaworkbench.attack.optim.MultiStepLr;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * GradInversion (Yin, Mallya, Vahdat, Alvarez, Kautz, Molchanov. See through Gradients: Image Batch
 * Recovery via GradInversion. CVPR 2021): squared-L2 gradient matching plus {@link GradInversionPrior}
 * (total variation, L2 image norm, BatchNorm statistics, group consistency), optimised with Adam for
 * several candidates from different seeds in lockstep. Every iteration the group mean is taken, each
 * candidate makes one Adam step on its objective (pulled toward that mean) and is boxed to the valid
 * range. Labels: granted, or restored from the last layer by {@link LabelInference#fromRowMinima}.
 * The run keeps the lowest-loss image among the candidates at each iteration and, at the end, the group
 * mean (its group term is zero) when it scores lower.
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
        GradInversionPrior prior = new GradInversionPrior(params.getDouble("tv"), params.getDouble("l2"),
                params.getDouble("bn"), groupSize > 1 ? params.getDouble("group-weight") : 0, statistics);
        lastPrior = prior;
        MatchingObjective objective = new MatchingObjective(view, context, Distance.SQUARED_L2, prior, labels);
        MultiStepLr schedule = params.getBoolean("lr-decay")
                ? MultiStepLr.invertingGradients(params.getDouble("lr"), iterations)
                : new MultiStepLr(params.getDouble("lr"), new int[0], 1.0);
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
        for (int it = 0; it < iterations; it++) {
            prior.setGroupMean(groupSize > 1 ? mean(candidates) : null);
            double bestLoss = Double.POSITIVE_INFINITY;
            float[] best = null;
            for (int g = 0; g < groupSize; g++) {
                double loss = objective.evaluate(candidates[g], gradient);
                if (loss < bestLoss || best == null) {
                    bestLoss = loss;
                    best = Arrays.copyOf(candidates[g], candidates[g].length);
                }
                adams[g].step(candidates[g], gradient, schedule.lr(it));
                view.box().clamp(candidates[g], channels, pixels);
            }
            context.report(it + 1, bestLoss, best);
        }
        if (groupSize > 1) {
            float[] fused = mean(candidates);
            prior.setGroupMean(fused);
            context.report(iterations, objective.evaluate(fused, gradient), fused);
        }
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
