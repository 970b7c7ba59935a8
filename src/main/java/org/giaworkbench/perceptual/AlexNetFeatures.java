package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's AlexNet {@code features} (the one-GPU variant of Krizhevsky et al. 2012): convolutions
 * {@code features.0} (11x11/4, pad 2), {@code .3} (5x5, pad 2), {@code .6, .8, .10} (3x3, pad 1), each
 * followed by ReLU, max pools 3/2 after the first two. LPIPS taps: relu1 ... relu5.
 */
final class AlexNetFeatures implements FeatureNet {

    private final Weights w;

    AlexNetFeatures(Weights w) {
        this.w = w;
        w.get("features.0.weight", 64, 3, 11, 11);
        w.get("features.10.weight", 256, 256, 3, 3);
    }

    @Override
    public String id() {
        return "alex";
    }

    @Override
    public int[] tapChannels() {
        return new int[] {64, 192, 384, 256, 256};
    }

    @Override
    public List<NDArray> taps(NDArray x) {
        List<NDArray> taps = new ArrayList<>(5);
        NDArray h = Ops.convRelu(x, w, "features.0", 3, 64, 11, 4, 2);
        taps.add(h);
        h = Ops.convRelu(Ops.maxPool(h, 3, 2, false), w, "features.3", 64, 192, 5, 1, 2);
        taps.add(h);
        h = Ops.convRelu(Ops.maxPool(h, 3, 2, false), w, "features.6", 192, 384, 3, 1, 1);
        taps.add(h);
        h = Ops.convRelu(h, w, "features.8", 384, 256, 3, 1, 1);
        taps.add(h);
        h = Ops.convRelu(h, w, "features.10", 256, 256, 3, 1, 1);
        taps.add(h);
        return taps;
    }
}
