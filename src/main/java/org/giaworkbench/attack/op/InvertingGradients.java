package org.giaworkbench.attack.op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.attack.LabelInference;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.optim.Adam;
import org.giaworkbench.attack.optim.MultiStepLr;
import org.giaworkbench.attack.optim.Signs;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * Inverting Gradients (Geiping, Bauermeister, Droege and Moeller, NeurIPS 2020): minimise one minus the
 * cosine similarity of the gradients plus a total-variation prior, with Adam on the signed gradient,
 * a step decay at 3/8, 5/8 and 7/8 of the iterations, and images boxed to the valid range after every
 * step. Several restarts from different random images keep the one with the lowest loss; where
 * {@link Stacking} allows, they run in lockstep on one stacked model ({@link StackedInvertingGradients}).
 */
final class InvertingGradients implements Attack {

    private final ParamValues params;

    InvertingGradients(ParamValues params) {
        this.params = params;
    }

    @Override
    public void run(ServerView view, AttackContext context) {
        int[] labels = view.knownLabels() != null ? view.knownLabels() : LabelInference.fromLastLayer(view);
        context.reportLabels(labels);
        int iterations = params.getInt("iterations");
        int restarts = params.getInt("restarts");
        boolean signed = params.getBoolean("signed");
        if (restarts > 1 && Stacking.wanted(view.model())) {
            List<StackedInvertingGradients.Trial> trials = new ArrayList<>();
            for (int trial = 0; trial < restarts; trial++) {
                trials.add(new StackedInvertingGradients.Trial(view, labels, context.seed() + trial));
            }
            if (StackedInvertingGradients.applicable(trials)) {
                // The restarts in lockstep, at most Stacking.maxTrials() at once; each iteration reports
                // the best of its group, groups follow each other as sequential restarts do.
                int chunk = Stacking.maxTrials();
                int groups = (restarts + chunk - 1) / chunk;
                context.expectIterations(iterations * groups);
                for (int g = 0; g < groups; g++) {
                    List<StackedInvertingGradients.Trial> group = trials.subList(g * chunk, Math.min(restarts, (g + 1) * chunk));
                    StackedInvertingGradients.run(group, params, context.gradients(), context.runManager(),
                            context::checkCancelled, g * iterations, StackedInvertingGradients.bestOf(context));
                }
                return;
            }
        }
        context.expectIterations(iterations * restarts);
        MatchingObjective objective = new MatchingObjective(view, context, Distance.COSINE, params.getDouble("tv"), labels);
        MultiStepLr schedule = params.getBoolean("lr-decay")
                ? MultiStepLr.invertingGradients(params.getDouble("lr"), iterations)
                : new MultiStepLr(params.getDouble("lr"), new int[0], 1.0);
        int channels = (int) view.imageShape().get(0);
        int pixels = (int) (view.imageShape().get(1) * view.imageShape().get(2));
        float[] gradient = new float[objective.size()];
        for (int trial = 0; trial < restarts; trial++) {
            float[] x = RandomStart.gaussian(objective.size(), context.seed() + trial);
            view.box().clamp(x, channels, pixels);
            Adam adam = new Adam();
            for (int it = 0; it < iterations; it++) {
                double loss = objective.evaluate(x, gradient);
                context.report(trial * iterations + it + 1, loss, Arrays.copyOf(x, x.length));
                if (signed) {
                    Signs.signInPlace(gradient);
                }
                adam.step(x, gradient, schedule.lr(it));
                if (params.getBoolean("boxed")) {
                    view.box().clamp(x, channels, pixels);
                }
            }
        }
    }
}
