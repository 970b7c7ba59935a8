package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.model.GiaModel;

/**
 * A prior added to each trial's distance in {@link StackedMatching}: one value per trial, computed on
 * the guesses of all trials at once ({@code K*B x C x H x W}, trial k's images in rows k*B..(k+1)*B).
 */
public interface StackedPrior {

    /** Per-trial values, a vector of K, in {@code step}. */
    NDArray of(NDArray x, int trials, List<GiaModel.BatchNormInput> batchNormInputs, NDManager step);

    /** Whether {@link #of} needs what enters each BatchNorm layer (then the forward records it). */
    default boolean needsBatchNormInputs() {
        return false;
    }

    /** Total variation weighted by {@code weight}, each trial's own (Inverting Gradients' prior). */
    static StackedPrior totalVariation(double weight) {
        return (x, trials, bn, step) -> org.giaworkbench.model.GraphScalars.mul(TotalVariation.perTrial(x, trials), weight);
    }
}
