package org.giaworkbench.attack.optim;

/**
 * The L-BFGS algorithm of {@link Lbfgs}, written against {@link VectorStore} handles so that it can
 * run on float or double storage. All scalars are double. See {@link Lbfgs} for the contract.
 */
final class LbfgsEngine {

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LS = 25;
    /** torch calls its line search without a tolerance, so the default 1e-9 applies there. */
    private static final double LS_TOLERANCE_CHANGE = 1e-9;
    /** Pairs with y.s at or below this are skipped, which keeps the inverse-Hessian estimate positive definite. */
    private static final double MIN_CURVATURE = 1e-10;

    // Fixed handles; X (0) is the caller's point.
    private static final int GRAD = 1;
    private static final int PREV_GRAD = 2;
    private static final int DIR = 3;
    private static final int TRIAL = 4;
    private static final int G_NEW = 5;
    private static final int G_PREV = 6;
    private static final int[] BRACKET_G = {7, 8};
    private static final int FIRST_FREE = 9;

    private final LbfgsParams params;

    private int funcEvals;
    private int nIter;

    // Search state carried between steps.
    private double t;
    private double prevLoss;
    private double hDiag;

    // Curvature history: a ring of histCount pairs starting at histStart. Each entry is a pair of
    // handles; the buffers behind them are allocated on first use, so a short run never pays for
    // the whole history. One spare pair receives the candidate (s, y) before it is accepted.
    private final int[] histS;
    private final int[] histY;
    private final double[] rho;
    private final double[] alpha;
    private int histStart;
    private int histCount;
    private int spareS;
    private int spareY;

    // Line-search bracket (the gradients live behind BRACKET_G); allocated once.
    private final double[] bt = new double[2];
    private final double[] bf = new double[2];
    private final double[] bgtd = new double[2];

    LbfgsEngine(LbfgsParams params) {
        this.params = params;
        int h = params.historySize();
        histS = new int[h];
        histY = new int[h];
        rho = new double[h];
        alpha = new double[h];
        reset();
    }

    /** Number of handles a store for this engine must provide. */
    static int handleCount(LbfgsParams params) {
        return FIRST_FREE + 2 * (params.historySize() + 1);
    }

    void reset() {
        funcEvals = 0;
        nIter = 0;
        t = prevLoss = hDiag = 0;
        histStart = histCount = 0;
        // Handles are assigned statically; the store decides when to allocate behind them.
        for (int k = 0; k < histS.length; k++) {
            histS[k] = FIRST_FREE + 2 * k;
            histY[k] = FIRST_FREE + 2 * k + 1;
        }
        spareS = FIRST_FREE + 2 * histS.length;
        spareY = spareS + 1;
    }

    int funcEvals() {
        return funcEvals;
    }

    int nIter() {
        return nIter;
    }

    int historyLength() {
        return histCount;
    }

    double step(VectorStore v) {
        final double lr = params.lr();
        final int maxIter = params.maxIter();
        final double tolChange = params.toleranceChange();
        final boolean lineSearch = params.lineSearch() == LbfgsParams.LineSearch.STRONG_WOLFE;
        v.ensure(GRAD);
        v.ensure(PREV_GRAD);
        v.ensure(DIR);

        double loss = evaluate(v, VectorStore.X, GRAD);
        final double origLoss = loss;
        int currentEvals = 1;
        if (v.absMax(GRAD) <= params.toleranceGrad()) {
            return origLoss;
        }

        int iter = 0;
        while (iter < maxIter) {
            iter++;
            nIter++;

            if (nIter == 1) {
                v.scale(GRAD, -1, DIR);
                histStart = histCount = 0;
                hDiag = 1;
            } else {
                updateHistory(v);
                computeDirection(v);
            }
            v.copy(GRAD, PREV_GRAD);
            prevLoss = loss;

            // No curvature information on the very first iteration: keep the step's l1 length
            // at most lr.
            t = nIter == 1 ? Math.min(1.0, 1.0 / v.absSum(GRAD)) * lr : lr;
            double gtd = v.dot(GRAD, DIR);
            if (gtd > -tolChange) {
                break; // no longer a descent direction
            }

            boolean optimal = false;
            if (lineSearch) {
                int before = funcEvals;
                loss = strongWolfe(v, loss, gtd);
                currentEvals += funcEvals - before;
                // Same arithmetic as the accepted trial point, so X is exactly the point whose
                // gradient is now in GRAD.
                v.addScaled(VectorStore.X, t, DIR, VectorStore.X);
                optimal = v.absMax(GRAD) <= params.toleranceGrad();
            } else {
                v.addScaled(VectorStore.X, t, DIR, VectorStore.X);
                // The last iteration is not evaluated: the next step starts with an evaluation.
                if (iter != maxIter) {
                    loss = evaluate(v, VectorStore.X, GRAD);
                    currentEvals++;
                    optimal = v.absMax(GRAD) <= params.toleranceGrad();
                }
            }

            if (iter == maxIter || currentEvals >= params.maxEval() || optimal) {
                break;
            }
            if (Math.abs(t) * v.absMax(DIR) <= tolChange) {
                break; // step too small to matter
            }
            if (Math.abs(loss - prevLoss) < tolChange) {
                break; // loss no longer changes
            }
        }
        return origLoss;
    }

    private double evaluate(VectorStore v, int point, int gradOut) {
        double loss = v.evaluate(point, gradOut);
        funcEvals++;
        v.notifyListener(funcEvals, loss, point);
        return loss;
    }

    /** Adds the pair s = t * d, y = g - gPrev of the last iteration if its curvature is positive. */
    private void updateHistory(VectorStore v) {
        v.ensure(spareS);
        v.ensure(spareY);
        v.subtract(GRAD, PREV_GRAD, spareY);
        v.scale(DIR, t, spareS);
        double ys = v.dot(spareY, spareS);
        if (ys <= MIN_CURVATURE) {
            return;
        }
        int h = histS.length;
        int slot;
        if (histCount == h) {
            slot = histStart; // full: replace the oldest pair
            histStart = (histStart + 1) % h;
        } else {
            slot = (histStart + histCount) % h;
            histCount++;
        }
        // Swap handles so that the displaced buffers become the next spare.
        int oldS = histS[slot];
        int oldY = histY[slot];
        histS[slot] = spareS;
        histY[slot] = spareY;
        spareS = oldS;
        spareY = oldY;
        rho[slot] = 1.0 / ys;
        hDiag = ys / v.dot(histY[slot], histY[slot]);
    }

    /** Two-loop recursion: DIR = -H * GRAD for the current history and initial scale hDiag. */
    private void computeDirection(VectorStore v) {
        int h = histS.length;
        v.scale(GRAD, -1, DIR);
        for (int k = histCount - 1; k >= 0; k--) {
            int slot = (histStart + k) % h;
            double a = v.dot(histS[slot], DIR) * rho[slot];
            alpha[k] = a;
            v.addScaled(DIR, -a, histY[slot], DIR);
        }
        v.scale(DIR, hDiag, DIR);
        for (int k = 0; k < histCount; k++) {
            int slot = (histStart + k) % h;
            double b = v.dot(histY[slot], DIR) * rho[slot];
            v.addScaled(DIR, alpha[k] - b, histS[slot], DIR);
        }
    }

    /**
     * Strong-Wolfe line search along DIR from X, starting at step t: bracketing by cubic
     * extrapolation, then zoom by cubic interpolation. On return t is the accepted step and GRAD the
     * gradient there; the loss there is returned. X is not written: trials go to TRIAL.
     */
    private double strongWolfe(VectorStore v, double f0, double gtd0) {
        v.ensure(TRIAL);
        v.ensure(G_NEW);
        v.ensure(G_PREV);
        v.ensure(BRACKET_G[0]);
        v.ensure(BRACKET_G[1]);
        final double dNorm = v.absMax(DIR);
        double step = t;

        double fNew = evaluateAt(v, step);
        double gtdNew = v.dot(G_NEW, DIR);
        int lsIter = 0;

        double tPrev = 0;
        double fPrev = f0;
        double gtdPrev = gtd0;
        v.copy(GRAD, G_PREV);

        boolean done = false;
        boolean bracketed = false;

        // Phase 1: grow the step until an interval holding an acceptable point is found.
        while (lsIter < MAX_LS) {
            if (fNew > f0 + C1 * step * gtd0 || (lsIter > 1 && fNew >= fPrev)) {
                // Too little decrease: an acceptable point lies in [tPrev, step].
                setBracket(v, tPrev, fPrev, gtdPrev, G_PREV, step, fNew, gtdNew, G_NEW);
                bracketed = true;
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd0) {
                // Already acceptable: a one-point bracket in slot 0.
                bt[0] = step;
                bf[0] = fNew;
                bgtd[0] = gtdNew;
                v.copy(G_NEW, BRACKET_G[0]);
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                // The slope turned positive, so the minimiser along d lies in [tPrev, step].
                setBracket(v, tPrev, fPrev, gtdPrev, G_PREV, step, fNew, gtdNew, G_NEW);
                bracketed = true;
                break;
            }
            // Still descending steeply: extrapolate to between 1.01x and 10x the last step.
            double minStep = step + 0.01 * (step - tPrev);
            double maxStep = step * 10;
            double next = cubicInterpolate(tPrev, fPrev, gtdPrev, step, fNew, gtdNew, minStep, maxStep);
            tPrev = step;
            fPrev = fNew;
            gtdPrev = gtdNew;
            v.copy(G_NEW, G_PREV);
            step = next;
            fNew = evaluateAt(v, step);
            gtdNew = v.dot(G_NEW, DIR);
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            // Out of trials while extrapolating: settle for [0, step]. The zoom below will not
            // run, so the slopes are never read.
            setBracket(v, 0, f0, Double.NaN, GRAD, step, fNew, Double.NaN, G_NEW);
            bracketed = true;
        }

        // Phase 2 (zoom): shrink [lo, hi] until the strong Wolfe conditions hold at a trial.
        int lo = (!bracketed || bf[0] <= bf[1]) ? 0 : 1;
        int hi = 1 - lo;
        boolean insufficientProgress = false;
        while (!done && lsIter < MAX_LS) {
            if (Math.abs(bt[1] - bt[0]) * dNorm < LS_TOLERANCE_CHANGE) {
                break;
            }
            double bMin = Math.min(bt[0], bt[1]);
            double bMax = Math.max(bt[0], bt[1]);
            step = cubicInterpolate(bt[0], bf[0], bgtd[0], bt[1], bf[1], bgtd[1], bMin, bMax);

            // Interpolation can stall at an end of the bracket. If the trial lands within 10% of
            // an end twice running, or on an end, move it 10% inside instead.
            double margin = 0.1 * (bMax - bMin);
            if (Math.min(bMax - step, step - bMin) < margin) {
                if (insufficientProgress || step >= bMax || step <= bMin) {
                    step = Math.abs(step - bMax) < Math.abs(step - bMin) ? bMax - margin : bMin + margin;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }

            fNew = evaluateAt(v, step);
            gtdNew = v.dot(G_NEW, DIR);
            lsIter++;

            if (fNew > f0 + C1 * step * gtd0 || fNew >= bf[lo]) {
                // Not enough decrease: the trial becomes the high end.
                bt[hi] = step;
                bf[hi] = fNew;
                bgtd[hi] = gtdNew;
                v.copy(G_NEW, BRACKET_G[hi]);
                lo = bf[0] <= bf[1] ? 0 : 1;
                hi = 1 - lo;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd0) {
                    done = true;
                } else if (gtdNew * (bt[hi] - bt[lo]) >= 0) {
                    // The slope points back past the old low: it becomes the high end.
                    bt[hi] = bt[lo];
                    bf[hi] = bf[lo];
                    bgtd[hi] = bgtd[lo];
                    v.copy(BRACKET_G[lo], BRACKET_G[hi]);
                }
                bt[lo] = step;
                bf[lo] = fNew;
                bgtd[lo] = gtdNew;
                v.copy(G_NEW, BRACKET_G[lo]);
            }
        }

        t = bt[lo];
        v.copy(BRACKET_G[lo], GRAD);
        return bf[lo];
    }

    private void setBracket(VectorStore v, double t0, double f0, double gtd0, int g0,
                            double t1, double f1, double gtd1, int g1) {
        bt[0] = t0;
        bf[0] = f0;
        bgtd[0] = gtd0;
        v.copy(g0, BRACKET_G[0]);
        bt[1] = t1;
        bf[1] = f1;
        bgtd[1] = gtd1;
        v.copy(g1, BRACKET_G[1]);
    }

    private double evaluateAt(VectorStore v, double step) {
        v.addScaled(VectorStore.X, step, DIR, TRIAL);
        return evaluate(v, TRIAL, G_NEW);
    }

    /**
     * Minimiser of the cubic through (x1, f1, slope g1) and (x2, f2, slope g2), clamped to
     * [lo, hi]; the middle of [lo, hi] when the cubic has no real stationary point.
     */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                                   double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minPos, lo), hi);
        }
        return (lo + hi) / 2;
    }
}
