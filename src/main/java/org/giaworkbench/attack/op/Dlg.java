package org.giaworkbench.attack.op;

import java.util.Arrays;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.optim.Lbfgs;
import org.giaworkbench.attack.optim.LbfgsParams;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * Deep Leakage from Gradients (Zhu, Liu and Han, NeurIPS 2019): minimise the squared L2 distance
 * between the observed gradient and the gradient of a dummy batch, over the dummy images and (when the
 * labels are unknown) soft dummy labels, with L-BFGS. iDLG is the same with the labels fixed to those
 * read off the last layer.
 */
final class Dlg implements Attack {

    private final ParamValues params;
    private final boolean inferLabels;

    Dlg(ParamValues params, boolean inferLabels) {
        this.params = params;
        this.inferLabels = inferLabels;
    }

    @Override
    public void run(ServerView view, AttackContext context) {
        int[] labels = view.knownLabels();
        if (labels == null && inferLabels) {
            labels = org.giaworkbench.attack.LabelInference.fromLastLayer(view);
        }
        MatchingObjective objective = new MatchingObjective(view, context, Distance.SQUARED_L2, params.getDouble("tv"), labels);
        int iterations = params.getInt("iterations");
        context.expectIterations(iterations);
        float[] x = RandomStart.gaussian(objective.size(), context.seed());
        Lbfgs lbfgs = new Lbfgs(LbfgsParams.builder()
                .lr(params.getDouble("lr"))
                .maxIter(params.getInt("max-iter"))
                .historySize(params.getInt("history"))
                .lineSearch(params.getBoolean("line-search") ? LbfgsParams.LineSearch.STRONG_WOLFE : LbfgsParams.LineSearch.NONE)
                .build());
        int images = view.imageValues();
        int[] step = {0};
        lbfgs.setListener((evalIndex, loss, point) -> context.report(step[0], loss, Arrays.copyOf(point, images)));
        if (labels != null) {
            context.reportLabels(labels);
        }
        for (step[0] = 1; step[0] <= iterations; step[0]++) {
            lbfgs.step(x, objective);
            if (labels == null) {
                context.reportLabels(objective.labelsOf(x));
            }
        }
    }
}
