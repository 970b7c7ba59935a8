package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Anisotropic total variation: the mean absolute difference between horizontal neighbours plus that
 * between vertical neighbours (Inverting Gradients' image prior, as in its reference code).
 */
public final class TotalVariation {

    private static final NDIndex RIGHT = new NDIndex(":, :, :, 1:");
    private static final NDIndex LEFT = new NDIndex(":, :, :, :-1");
    private static final NDIndex DOWN = new NDIndex(":, :, 1:, :");
    private static final NDIndex UP = new NDIndex(":, :, :-1, :");

    private TotalVariation() {
    }

    public static NDArray of(NDArray x) {
        NDArray dx = x.get(RIGHT).sub(x.get(LEFT)).abs().mean();
        NDArray dy = x.get(DOWN).sub(x.get(UP)).abs().mean();
        return dx.add(dy);
    }
}
