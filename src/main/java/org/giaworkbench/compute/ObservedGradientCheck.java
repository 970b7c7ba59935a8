package org.giaworkbench.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.giaworkbench.core.GiaException;

/**
 * Refuses an observed update that no attack can invert, before the run starts, with the reason.
 * Measured case: an untrained ResNet-56 in eval mode gives one CIFAR-10 image logits of +/-5e4, the
 * softmax of its true label is exactly 1 in float32, and the client's gradient is exactly zero; every
 * optimization attack then reported "diverged at iteration 1" (cosine 0/0), which sent users to the
 * learning rate.
 */
final class ObservedGradientCheck {

    private ObservedGradientCheck() {
    }

    static void requireInvertible(List<NDArray> observed) {
        double largest = 0;
        for (NDArray g : observed) {
            // torch's max propagates NaN, so one reduction finds both NaN/inf and an all-zero gradient.
            try (NDArray magnitude = g.abs(); NDArray max = magnitude.max()) {
                double m = max.getDataType() == DataType.FLOAT64 ? max.getDouble() : max.getFloat();
                if (!Double.isFinite(m)) {
                    throw GiaException.badInput("the client's gradient holds NaN or infinite values: the model overflows on this batch",
                            "try model.batchNorm=train, a trained or shallower model, or another batch (data.seed)");
                }
                largest = Math.max(largest, m);
            }
        }
        if (largest == 0) {
            throw GiaException.badInput("the client's gradient is exactly zero, so there is nothing to invert: the model gives "
                    + "the batch's labels probability 1 in float32 (saturated logits)",
                    "try model.batchNorm=train, a trained or shallower model, or another batch (data.seed)");
        }
    }
}
