package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * SqueezeNet 1.1 (Iandola et al. 2016) in torchvision's layout: {@code features.0} (3x3/2 convolution),
 * max pools 3/2 with ceil mode, eight Fire modules at {@code features.3, 4, 6, 7, 9, 10, 11, 12}, and the
 * 1x1 classifier {@code classifier.1} followed by ReLU and a global mean. The LPIPS taps are the outputs of
 * {@code features[0:2]}, {@code [2:5]}, {@code [5:8]}, {@code [8:10]}, {@code [10]}, {@code [11]}, {@code [12]}.
 */
final class SqueezeNet11 implements FeatureNet {

    /** The bundled ImageNet weights (see PROVENANCE.md beside them). */
    static final String BUNDLED = "/org/giaworkbench/perceptual/squeezenet1_1.npz";
    private static final int[] FIRES = {3, 4, 6, 7, 9, 10, 11, 12};
    private static final int[][] FIRE_SHAPE = { // in, squeeze, expand (each branch)
        {64, 16, 64}, {128, 16, 64}, {128, 32, 128}, {256, 32, 128},
        {256, 48, 192}, {384, 48, 192}, {384, 64, 256}, {512, 64, 256}};

    private final Weights w;

    SqueezeNet11(Weights w) {
        this.w = w;
        w.get("features.0.weight", 64, 3, 3, 3); // fail early on a wrong file
    }

    static SqueezeNet11 bundled(NDManager manager) {
        return new SqueezeNet11(Weights.resource(BUNDLED, manager));
    }

    @Override
    public String id() {
        return "squeeze";
    }

    @Override
    public int[] tapChannels() {
        return new int[] {64, 128, 256, 384, 384, 512, 512};
    }

    @Override
    public List<NDArray> taps(NDArray x) {
        List<NDArray> taps = new ArrayList<>(7);
        NDArray h = Ops.convRelu(x, w, "features.0", 3, 64, 3, 2, 0);
        taps.add(h);
        h = fire(fire(Ops.maxPool(h, 3, 2, true), 0), 1);
        taps.add(h);
        h = fire(fire(Ops.maxPool(h, 3, 2, true), 2), 3);
        taps.add(h);
        h = fire(Ops.maxPool(h, 3, 2, true), 4);
        taps.add(h);
        for (int f = 5; f < 8; f++) {
            h = fire(h, f);
            taps.add(h);
        }
        return taps;
    }

    /** ImageNet class scores (after the classifier's ReLU, before softmax), N x 1000. */
    NDArray logits(NDArray x) {
        List<NDArray> taps = taps(x);
        NDArray h = taps.get(taps.size() - 1);
        NDArray s = Activation.relu(Ops.conv(h, w.get("classifier.1.weight", 1000, 512, 1, 1),
                w.get("classifier.1.bias", 1000), 1, 0));
        return s.mean(new int[] {3}).mean(new int[] {2});
    }

    private NDArray fire(NDArray x, int f) {
        String p = "features." + FIRES[f];
        int[] s = FIRE_SHAPE[f];
        NDArray squeezed = Ops.convRelu(x, w, p + ".squeeze", s[0], s[1], 1, 1, 0);
        NDArray a = Ops.convRelu(squeezed, w, p + ".expand1x1", s[1], s[2], 1, 1, 0);
        NDArray b = Ops.convRelu(squeezed, w, p + ".expand3x3", s[1], s[2], 3, 1, 1);
        return NDArrays.concat(new NDList(a, b), 1);
    }
}
