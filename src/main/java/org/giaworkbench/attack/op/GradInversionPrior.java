package org.giaworkbench.attack.op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.attack.BatchNormPrior;
import org.giaworkbench.attack.Regulariser;
import org.giaworkbench.attack.TotalVariation;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;
import org.giaworkbench.nd.OwnedArrays;

/**
 * GradInversion's auxiliary loss (Yin et al., CVPR 2021, eq. 3-6), as implemented here:
 * <pre>
 *   R_aux(x) = a_tv * TV(x) + a_l2 * ||x||_2 + a_bn * R_BN(x) + a_group * ||x - mean_g(x_g)||_2
 * </pre>
 * TV is {@link TotalVariation} (anisotropic, mean absolute differences), R_BN is {@link BatchNormPrior},
 * and the group term pulls this candidate toward the current mean of all candidates (one per seed),
 * held constant during the evaluation. The paper registers the candidates to the mean with a learned
 * alignment first; this is the simple version without registration. Norms are plain (not squared).
 * The last values of the terms are kept for reports and tests.
 */
final class GradInversionPrior implements Regulariser {

    private final double tv;
    private final double l2;
    private final double bn;
    private final double group;
    private final BatchNormPrior statistics;
    private float[] groupMean;
    private double lastBn = Double.NaN;
    private double lastGroup = Double.NaN;

    GradInversionPrior(double tv, double l2, double bn, double group, BatchNormPrior statistics) {
        this.tv = tv;
        this.l2 = l2;
        this.bn = bn;
        this.group = group;
        this.statistics = statistics;
    }

    /** The group mean the next evaluations pull toward (null: no group term). */
    void setGroupMean(float[] mean) {
        this.groupMean = mean;
    }

    double lastBatchNormTerm() {
        return lastBn;
    }

    double lastGroupTerm() {
        return lastGroup;
    }

    @Override
    public boolean needsBatchNormInputs() {
        return bn > 0 && statistics.layers() > 0;
    }

    @Override
    public NDArray of(NDArray x, List<GiaModel.BatchNormInput> batchNormInputs, NDManager step) {
        NDArray total = GraphScalars.mul(TotalVariation.of(x), tv);
        if (l2 > 0) {
            total = total.add(GraphScalars.mul(norm(x), l2));
        }
        if (needsBatchNormInputs()) {
            NDArray r = statistics.of(batchNormInputs, step);
            lastBn = r.getFloat();
            total = total.add(GraphScalars.mul(r, bn));
        }
        if (group > 0 && groupMean != null) {
            NDArray mean = OwnedArrays.of(step, groupMean, x.getShape()).toType(x.getDataType(), false);
            NDArray r = norm(x.sub(mean));
            lastGroup = r.getFloat();
            total = total.add(GraphScalars.mul(r, group));
        }
        return total;
    }

    private static NDArray norm(NDArray d) {
        return GraphScalars.add(d.square().sum(), 1e-12).sqrt();
    }

}
