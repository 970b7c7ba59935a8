package org.giaworkbench.attack.optim;

/**
 * A differentiable objective over a flat vector of variables.
 *
 * <p>Implementations must not modify {@code x}. They may throw (cancellation, engine failure);
 * optimisers propagate such exceptions unchanged.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Evaluates the objective at {@code x}.
     *
     * @param x the point, read only
     * @param gradOut receives dLoss/dx; same length as {@code x}, every element must be written
     * @return the loss at {@code x}
     */
    double evaluate(float[] x, float[] gradOut);
}
