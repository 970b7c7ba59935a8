package org.giaworkbench.attack.op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.attack.BatchNormPrior;
import org.giaworkbench.attack.StackedPrior;
import org.giaworkbench.attack.TotalVariation;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;
import org.giaworkbench.nd.OwnedArrays;

/**
 * {@link GradInversionPrior} for GradInversion's candidates stacked side by side: the same terms with
 * the same weights, each candidate's own (its TV, its L2 norm, the BatchNorm statistics of its copy of
 * the network, its distance to its own registered group mean).
 */
final class StackedGradInversionPrior implements StackedPrior {

    private final double tv;
    private final double l2;
    private final double bn;
    private final double group;
    private final BatchNormPrior statistics;
    private float[] groupMeans;

    /** @param statistics captured from the stacked model (every copy's running statistics side by side) */
    StackedGradInversionPrior(double tv, double l2, double bn, double group, BatchNormPrior statistics) {
        this.tv = tv;
        this.l2 = l2;
        this.bn = bn;
        this.group = group;
        this.statistics = statistics;
    }

    /** Each candidate's registered group mean, one after the other (null: no group term). */
    void setGroupMeans(float[] means) {
        this.groupMeans = means;
    }

    @Override
    public boolean needsBatchNormInputs() {
        return bn > 0 && statistics.layers() > 0;
    }

    @Override
    public NDArray of(NDArray x, int trials, List<GiaModel.BatchNormInput> batchNormInputs, NDManager step) {
        NDArray total = GraphScalars.mul(TotalVariation.perTrial(x, trials), tv);
        if (l2 > 0) {
            total = total.add(GraphScalars.mul(rowNorms(x.reshape(trials, -1)), l2));
        }
        if (needsBatchNormInputs()) {
            total = total.add(GraphScalars.mul(statistics.perTrial(batchNormInputs, trials, step), bn));
        }
        if (group > 0 && groupMeans != null) {
            NDArray means = OwnedArrays.of(step, groupMeans, x.getShape()).toType(x.getDataType(), false);
            total = total.add(GraphScalars.mul(rowNorms(x.sub(means).reshape(trials, -1)), group));
        }
        return total;
    }

    private static NDArray rowNorms(NDArray rows) {
        return GraphScalars.add(rows.square().sum(new int[] {1}), 1e-12).sqrt();
    }
}
