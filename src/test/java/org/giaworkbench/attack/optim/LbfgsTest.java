package org.giaworkbench.attack.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.giaworkbench.attack.optim.LbfgsParams.LineSearch;
import org.junit.jupiter.api.Test;

/** The public float path of {@link Lbfgs}: convergence, failure behaviour, listener, state handling. */
class LbfgsTest {

    private static final LbfgsParams WOLFE = LbfgsParams.builder().lineSearch(LineSearch.STRONG_WOLFE).build();

    private static void assertNear(float[] x, double value, double tol) {
        for (int i = 0; i < x.length; i++) {
            assertEquals(value, x[i], tol, "x[" + i + "] of " + Arrays.toString(x));
        }
    }

    @Test
    void convergesOn2dRosenbrockWithinFourSteps() {
        Lbfgs lbfgs = new Lbfgs(WOLFE);
        float[] x = {-1.5f, 2f};
        for (int s = 0; s < 4; s++) {
            lbfgs.step(x, Rosenbrock::evaluate);
        }
        assertNear(x, 1.0, 1e-4);
        assertTrue(Rosenbrock.evaluate(x, new float[2]) < 1e-9);
        assertTrue(lbfgs.totalEvaluations() <= 60, "evaluations: " + lbfgs.totalEvaluations());
    }

    @Test
    void convergesOn10dRosenbrockWithinFiveSteps() {
        Lbfgs lbfgs = new Lbfgs(WOLFE);
        float[] x = new float[10];
        Arrays.fill(x, -1f);
        for (int s = 0; s < 5; s++) {
            lbfgs.step(x, Rosenbrock::evaluate);
        }
        assertNear(x, 1.0, 1e-4);
        assertTrue(Rosenbrock.evaluate(x, new float[10]) < 1e-9);
    }

    @Test
    void floatPathFollowsTorchCountsOn10dRosenbrockFromZero() {
        // On this start rounding x to float does not change any line-search decision, so even the
        // float path reproduces torch's float64 evaluation counts (26, 51, 70) and its end point.
        Lbfgs lbfgs = new Lbfgs(WOLFE);
        float[] x = new float[10];
        int[] torchEvals = {26, 51, 70};
        for (int s = 0; s < 3; s++) {
            lbfgs.step(x, Rosenbrock::evaluate);
            assertEquals(torchEvals[s], lbfgs.totalEvaluations(), "after step " + (s + 1));
        }
        assertNear(x, 1.0, 2e-5);
    }

    @Test
    void returnsLossAtEntryAndStopsAtOptimum() {
        Lbfgs lbfgs = new Lbfgs(WOLFE);
        float[] x = {1f, 1f};
        assertEquals(0.0, lbfgs.step(x, Rosenbrock::evaluate));
        assertEquals(1, lbfgs.totalEvaluations());
        assertEquals(0, lbfgs.totalIterations());
        assertArrayEquals(new float[] {1f, 1f}, x);
    }

    /** Records, for each evaluation, the evaluated point and the caller's x at that moment. */
    private static final class Recorder implements Objective {
        final float[] callerX;
        final int throwAt;
        final RuntimeException toThrow;
        final List<float[]> points = new ArrayList<>();
        final List<float[]> callerAtEval = new ArrayList<>();

        Recorder(float[] callerX, int throwAt, RuntimeException toThrow) {
            this.callerX = callerX;
            this.throwAt = throwAt;
            this.toThrow = toThrow;
        }

        @Override
        public double evaluate(float[] x, float[] gradOut) {
            if (points.size() + 1 == throwAt) {
                // Leave gradOut half-written, as a failing engine might.
                gradOut[0] = Float.NaN;
                throw toThrow;
            }
            points.add(x.clone());
            callerAtEval.add(callerX.clone());
            return Rosenbrock.evaluate(x, gradOut);
        }
    }

    @Test
    void exceptionDuringLineSearchLeavesXAtLastAcceptedPoint() {
        // Reference run: which evaluations are line-search trials, and where x was meanwhile.
        float[] ref = {-1.5f, 2f};
        Recorder r = new Recorder(ref, -1, null);
        Lbfgs refOpt = new Lbfgs(WOLFE);
        refOpt.step(ref, r);

        int throwAt = 10;
        float[] trial = r.points.get(throwAt - 1);
        float[] accepted = r.callerAtEval.get(throwAt - 1);
        assertFalse(Arrays.equals(trial, accepted), "evaluation " + throwAt + " must be a trial point");
        assertFalse(Arrays.equals(accepted, new float[] {-1.5f, 2f}), "x must have moved by then");

        float[] x = {-1.5f, 2f};
        CancellationException cancel = new CancellationException("stop");
        Lbfgs opt = new Lbfgs(WOLFE);
        Recorder failing = new Recorder(x, throwAt, cancel);
        CancellationException thrown = assertThrows(CancellationException.class, () -> opt.step(x, failing));
        assertSame(cancel, thrown);
        assertArrayEquals(accepted, x, "x must be the last accepted point, bit for bit");
        assertEquals(throwAt - 1, opt.totalEvaluations());

        // The optimiser can carry on from there.
        for (int s = 0; s < 5; s++) {
            opt.step(x, Rosenbrock::evaluate);
        }
        assertNear(x, 1.0, 1e-4);
    }

    @Test
    void exceptionWithoutLineSearchLeavesXAtLastUpdate() {
        LbfgsParams p = LbfgsParams.builder().lr(0.1).build();
        float[] ref = {-1.5f, 2f};
        Recorder r = new Recorder(ref, -1, null);
        new Lbfgs(p).step(ref, r);

        // Without line search every evaluation is at the freshly updated x, so after a failure
        // at evaluation k, x is the point evaluation k was asked about.
        int throwAt = 7;
        float[] x = {-1.5f, 2f};
        Lbfgs opt = new Lbfgs(p);
        IllegalStateException boom = new IllegalStateException("engine failed");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> opt.step(x, new Recorder(x, throwAt, boom))));
        assertArrayEquals(r.points.get(throwAt - 1), x);
    }

    @Test
    void listenerSeesEveryEvaluationAndCanTrackTheBest() {
        Lbfgs lbfgs = new Lbfgs(WOLFE);
        float[] best = new float[2];
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        List<Integer> indices = new ArrayList<>();
        lbfgs.setListener((i, loss, pt) -> {
            indices.add(i);
            if (loss < bestLoss[0]) {
                bestLoss[0] = loss;
                System.arraycopy(pt, 0, best, 0, pt.length);
            }
        });
        float[] x = {-1.5f, 2f};
        lbfgs.step(x, Rosenbrock::evaluate);
        lbfgs.step(x, Rosenbrock::evaluate);
        assertEquals(lbfgs.totalEvaluations(), indices.size());
        for (int k = 0; k < indices.size(); k++) {
            assertEquals(k + 1, indices.get(k));
        }
        assertEquals(bestLoss[0], Rosenbrock.evaluate(best, new float[2]), 0);
        assertTrue(bestLoss[0] <= Rosenbrock.evaluate(x, new float[2]));
    }

    @Test
    void historyIsBoundedAndStatePersistsUntilReset() {
        Lbfgs lbfgs = new Lbfgs(LbfgsParams.builder().historySize(3).lineSearch(LineSearch.STRONG_WOLFE).build());
        float[] x = new float[10];
        lbfgs.step(x, Rosenbrock::evaluate);
        assertEquals(3, lbfgs.historyLength());
        int evals = lbfgs.totalEvaluations();
        int iters = lbfgs.totalIterations();
        assertTrue(iters > 3);

        assertThrows(IllegalArgumentException.class, () -> lbfgs.step(new float[4], Rosenbrock::evaluate));
        assertEquals(evals, lbfgs.totalEvaluations(), "a rejected call does not evaluate");

        lbfgs.reset();
        assertEquals(0, lbfgs.totalEvaluations());
        assertEquals(0, lbfgs.totalIterations());
        assertEquals(0, lbfgs.historyLength());
        float[] y = {-1.5f, 2f};
        lbfgs.step(y, Rosenbrock::evaluate);
        assertTrue(lbfgs.totalEvaluations() > 1);
    }

    @Test
    void firstIterationAfterResetIsSteepestDescentCappedByL1Norm() {
        // On a quadratic with gradient g = x, the first trial step is min(1, 1/|g|_1) * lr along -g.
        LbfgsParams p = LbfgsParams.builder().lr(0.5).maxIter(1).build();
        Lbfgs lbfgs = new Lbfgs(p);
        float[] x = {3f, -1f};
        Objective quad = (pt, g) -> {
            g[0] = pt[0];
            g[1] = pt[1];
            return 0.5 * (pt[0] * pt[0] + pt[1] * pt[1]);
        };
        lbfgs.step(x, quad);
        // |g|_1 = 4, so t = 0.25 * 0.5 = 0.125.
        assertArrayEquals(new float[] {3f - 0.375f, -1f + 0.125f}, x, 1e-7f);
        assertEquals(1, lbfgs.totalEvaluations(), "max_iter 1 without line search evaluates only once");
    }
}
