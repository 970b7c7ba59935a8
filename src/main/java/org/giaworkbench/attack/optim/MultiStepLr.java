package org.giaworkbench.attack.optim;

import java.util.Arrays;

/**
 * Step-wise learning-rate decay: {@code lr(i) = base * gamma^k} where k is the number of milestones
 * {@code <= i}. Same values as {@code torch.optim.lr_scheduler.MultiStepLR} after {@code i} calls to
 * {@code scheduler.step()}.
 */
public final class MultiStepLr {

    private final double baseLr;
    private final int[] milestones;
    private final double gamma;

    /**
     * @param baseLr learning rate before the first milestone, finite and > 0
     * @param milestones iterations at which the rate is multiplied by gamma; any order, duplicates
     *     count twice (as in torch)
     * @param gamma decay factor, finite and > 0
     */
    public MultiStepLr(double baseLr, int[] milestones, double gamma) {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException("baseLr must be finite and > 0, got " + baseLr);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and > 0, got " + gamma);
        }
        this.baseLr = baseLr;
        this.milestones = milestones.clone();
        Arrays.sort(this.milestones);
        this.gamma = gamma;
    }

    /**
     * The schedule of Inverting Gradients (Geiping et al. 2020): decay by 0.1 at 3/8, 5/8 and 7/8 of
     * the run. (Their code divides by 2.667, 1.6 and 1.142, which lands an iteration or a few
     * earlier; the exact fractions are used here.)
     */
    public static MultiStepLr invertingGradients(double baseLr, int totalIterations) {
        if (totalIterations < 1) {
            throw new IllegalArgumentException("totalIterations must be >= 1, got " + totalIterations);
        }
        long n = totalIterations;
        int[] ms = {(int) (n * 3 / 8), (int) (n * 5 / 8), (int) (n * 7 / 8)};
        return new MultiStepLr(baseLr, ms, 0.1);
    }

    /** Learning rate for the 0-based iteration {@code iteration}. */
    public double lr(int iteration) {
        int passed = 0;
        while (passed < milestones.length && milestones[passed] <= iteration) {
            passed++;
        }
        return baseLr * Math.pow(gamma, passed);
    }

    /** The milestones, sorted. */
    public int[] milestones() {
        return milestones.clone();
    }

    public double baseLr() {
        return baseLr;
    }

    public double gamma() {
        return gamma;
    }
}
