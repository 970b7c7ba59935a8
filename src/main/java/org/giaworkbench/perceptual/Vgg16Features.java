package org.giaworkbench.perceptual;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's VGG-16 {@code features} (Simonyan and Zisserman 2015, no BatchNorm): thirteen 3x3
 * convolutions with ReLU at indices 0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28 and 2x2 max pools
 * between the blocks. LPIPS taps: relu1_2, relu2_2, relu3_3, relu4_3, relu5_3.
 */
final class Vgg16Features implements FeatureNet {

    private static final int[][] BLOCKS = { // conv indices of each block
        {0, 2}, {5, 7}, {10, 12, 14}, {17, 19, 21}, {24, 26, 28}};
    private static final int[] WIDTH = {64, 128, 256, 512, 512};

    private final Weights w;

    Vgg16Features(Weights w) {
        this.w = w;
        w.get("features.0.weight", 64, 3, 3, 3);
        w.get("features.28.weight", 512, 512, 3, 3);
    }

    @Override
    public String id() {
        return "vgg";
    }

    @Override
    public int[] tapChannels() {
        return WIDTH.clone();
    }

    @Override
    public List<NDArray> taps(NDArray x) {
        List<NDArray> taps = new ArrayList<>(5);
        NDArray h = x;
        int in = 3;
        for (int b = 0; b < BLOCKS.length; b++) {
            if (b > 0) {
                h = Ops.maxPool(h, 2, 2, false);
            }
            for (int conv : BLOCKS[b]) {
                h = Ops.convRelu(h, w, "features." + conv, in, WIDTH[b], 3, 1, 1);
                in = WIDTH[b];
            }
            taps.add(h);
        }
        return taps;
    }
}
