package org.giaworkbench.attack.optim;

import java.util.Objects;

/**
 * Limited-memory BFGS with the defaults and semantics of {@code torch.optim.LBFGS} (torch 1.13):
 * one {@link #step} runs up to {@code maxIter} inner iterations, and the search state (direction,
 * step length, curvature history, previous gradient and loss, initial Hessian scale, counters)
 * carries over to the next call. With {@link LbfgsParams.LineSearch#STRONG_WOLFE} step lengths come
 * from torch's bracketing/zoom line search with cubic interpolation (c1 = 1e-4, c2 = 0.9, at most 25
 * line-search iterations).
 *
 * <p>Vectors are {@code float[]}, like torch's float32 parameters, but every dot product, norm and
 * scalar is accumulated in double. torch reduces in float32; double differs only at rounding level
 * and keeps long sums over large images accurate.
 *
 * <p>Failures: an exception from the objective or the listener propagates unchanged. With a line
 * search, trial points are evaluated in a separate buffer and {@code x} is written only after a step
 * length has been accepted, so {@code x} stays at the last accepted point. Without one, {@code x} is
 * moved and then evaluated (as in torch), so it holds the last completed update. Either way a later
 * {@code step} resumes consistently; {@link #reset()} starts afresh.
 *
 * <p>Memory: a few vectors of the size of {@code x} plus up to {@code 2 * historySize} history
 * vectors, allocated as the history fills. Not thread-safe.
 */
public final class Lbfgs {

    private final LbfgsParams params;
    private final LbfgsEngine engine;
    private FloatStore store;
    private EvaluationListener listener;

    public Lbfgs(LbfgsParams params) {
        this.params = Objects.requireNonNull(params, "params");
        this.engine = new LbfgsEngine(params);
    }

    public LbfgsParams params() {
        return params;
    }

    /** Sets, or clears with null, the listener called after every evaluation. */
    public void setListener(EvaluationListener listener) {
        this.listener = listener;
    }

    /**
     * Runs up to {@code maxIter} L-BFGS iterations, updating {@code x} in place.
     *
     * @param x the variables; the first step after construction or reset fixes the length
     * @param f the objective
     * @return the loss at {@code x} as it was on entry (the first evaluation of this step), as torch
     * @throws IllegalArgumentException if the length of {@code x} differs from earlier steps
     */
    public double step(float[] x, Objective f) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(f, "objective");
        if (store == null) {
            store = new FloatStore(x.length, LbfgsEngine.handleCount(params));
        } else if (store.length != x.length) {
            throw new IllegalArgumentException("this optimiser holds state for " + store.length
                    + " variables but x has " + x.length + "; call reset() to change size");
        }
        store.bind(x, f, listener);
        try {
            return engine.step(store);
        } finally {
            store.unbind();
        }
    }

    /** Objective evaluations since construction or the last reset (torch's {@code func_evals}). */
    public int totalEvaluations() {
        return engine.funcEvals();
    }

    /** Inner iterations since construction or the last reset (torch's {@code n_iter}). */
    public int totalIterations() {
        return engine.nIter();
    }

    /** Curvature pairs currently held, at most {@code historySize}. */
    public int historyLength() {
        return engine.historyLength();
    }

    /** Drops all state and buffers: the next step starts with steepest descent, at any length. */
    public void reset() {
        engine.reset();
        store = null;
    }
}
