package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;

/**
 * A prior on the guessed images, added to the gradient distance of {@link MatchingObjective}: a scalar
 * built with differentiable ops on {@code x} in {@code step}.
 */
public interface Regulariser {

    /**
     * @param x               the guessed batch (model-input space, NCHW), requiring gradients
     * @param batchNormInputs what entered each BatchNorm layer in the forward at {@code x} (empty unless
     *                        {@link #needsBatchNormInputs()})
     */
    NDArray of(NDArray x, List<GiaModel.BatchNormInput> batchNormInputs, NDManager step);

    /** Whether {@link #of} reads BatchNorm inputs (the objective then records the forward). */
    default boolean needsBatchNormInputs() {
        return false;
    }

    /** Inverting Gradients' prior: {@code weight * TV(x)}; null for weight 0. */
    static Regulariser totalVariation(double weight) {
        return weight > 0 ? (x, bn, step) -> GraphScalars.mul(TotalVariation.of(x), weight) : null;
    }
}
