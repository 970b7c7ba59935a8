package org.giaworkbench.plugin.spi;

import ai.djl.ndarray.NDManager;

/**
 * What the run gives an attack besides the {@link ServerView}: memory scopes, gradients, randomness,
 * cancellation and a place to report each evaluated guess. Compute thread only.
 */
public interface AttackContext {

    /** Lives for the whole run: put the observed gradients, fixed labels and optimiser state here. */
    NDManager runManager();

    /** Gradients and second-order gradients. */
    GradientOracle gradients();

    /** Seeds the attack's random start (and anything else random in it). */
    long seed();

    /** Throws {@link java.util.concurrent.CancellationException} once the user cancelled. */
    void checkCancelled();

    /** Tells the run how many iterations to expect (for progress and ETA). */
    void expectIterations(int total);

    /**
     * Reports that {@code images} (model-input space, NCHW, not retained) scored attack loss
     * {@code loss} at {@code iteration}. The run keeps the lowest-loss images as the result, emits
     * progress, and stops with a "diverged" outcome on a non-finite loss.
     */
    void report(int iteration, double loss, float[] images);

    /** Tells the run which labels the attack recovered or assumed (null: none). */
    void reportLabels(int[] labels);

    /**
     * Reports a number the server knows about its own attack (e.g. occupied bins, the fished class);
     * it goes to the summary's metrics under {@code key}. Default: ignored.
     */
    default void reportMetric(String key, double value) {
    }
}
