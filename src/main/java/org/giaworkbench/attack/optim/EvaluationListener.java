package org.giaworkbench.attack.optim;

/**
 * Observes every function evaluation an optimiser makes, e.g. to keep the best point seen so far or
 * to report progress.
 */
@FunctionalInterface
public interface EvaluationListener {

    /**
     * Called right after an evaluation has returned.
     *
     * @param evalIndex 1-based count of evaluations since construction or the last reset
     * @param loss the loss returned by the objective
     * @param x the evaluated point; a buffer that the optimiser reuses, so copy it to keep it
     */
    void onEvaluation(int evalIndex, double loss, float[] x);
}
