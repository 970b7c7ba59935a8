package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/** The few layer functions the feature networks need (torch semantics). */
final class Ops {

    private Ops() {
    }

    /** Square convolution with bias; weights {@code out x in x k x k}. */
    static NDArray conv(NDArray x, NDArray weight, NDArray bias, int stride, int pad) {
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), 1).get(0);
    }

    static NDArray convRelu(NDArray x, Weights w, String prefix, int in, int out, int k, int stride, int pad) {
        return Activation.relu(conv(x, w.get(prefix + ".weight", out, in, k, k), w.get(prefix + ".bias", out), stride, pad));
    }

    /** {@code MaxPool2d(kernel, stride, ceil_mode)} without padding. */
    static NDArray maxPool(NDArray x, int kernel, int stride, boolean ceil) {
        return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), ceil);
    }
}
