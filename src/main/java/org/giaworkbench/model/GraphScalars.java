package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import org.giaworkbench.nd.OwnedArrays;

/**
 * Scalar arithmetic that is safe inside an autograd graph.
 *
 * <p>DJL's {@code x.mul(2f)} (likewise {@code div} and {@code pow} with a number) wraps the number in a
 * tensor that aliases a Java direct buffer and closes that tensor straight away. Autograd still holds
 * the tensor for the backward pass, but the buffer is now garbage: when the collector frees it between
 * the forward and the backward, the backward multiplies by freed memory and returns NaN or wrong
 * gradients (measured: a GradInversion run turned NaN at a random iteration, and at iteration 0 when a
 * collection was forced there). Here the scalar tensor is owned by the manager of {@code x}, so it
 * lives as long as the step that owns the graph.
 */
public final class GraphScalars {

    private GraphScalars() {
    }

    /** {@code x + s}. */
    public static NDArray add(NDArray x, double s) {
        return x.add(scalarLike(x, s));
    }

    /** {@code x * s}. */
    public static NDArray mul(NDArray x, double s) {
        return x.mul(scalarLike(x, s));
    }

    /** {@code x / s}. */
    public static NDArray div(NDArray x, double s) {
        return x.div(scalarLike(x, s));
    }

    /** A 0-dimensional tensor with the value {@code s}, the type and device of {@code x}, owned by x's manager. */
    public static NDArray scalarLike(NDArray x, double s) {
        NDArray scalar = OwnedArrays.scalar(x.getManager(), s, x.getDataType());
        return scalar.toDevice(x.getDevice(), false);
    }
}
