package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

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

    /**
     * Each trial's total variation when {@code x} holds {@code trials} batches one after the other
     * ({@code K*B x C x H x W}): a vector of K, each as {@link #of} gives for that batch alone.
     */
    public static NDArray perTrial(NDArray x, int trials) {
        Shape s = x.getShape();
        NDArray per = x.reshape(trials, s.get(0) / trials * s.get(1), s.get(2), s.get(3));
        NDArray dx = per.get(RIGHT).sub(per.get(LEFT)).abs().reshape(trials, -1).mean(TRIAL_ROWS);
        NDArray dy = per.get(DOWN).sub(per.get(UP)).abs().reshape(trials, -1).mean(TRIAL_ROWS);
        return dx.add(dy);
    }

    private static final int[] TRIAL_ROWS = {1};

    public static NDArray of(NDArray x) {
        NDArray dx = x.get(RIGHT).sub(x.get(LEFT)).abs().mean();
        NDArray dy = x.get(DOWN).sub(x.get(UP)).abs().mean();
        return dx.add(dy);
    }
}
