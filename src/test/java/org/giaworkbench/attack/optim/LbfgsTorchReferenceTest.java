package org.giaworkbench.attack.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.giaworkbench.attack.optim.LbfgsParams.LineSearch;
import org.junit.jupiter.api.Test;

/**
 * Trajectories of the L-BFGS code against torch.optim.LBFGS in float64 (torch 1.13, Debian build;
 * numbers from src/test/resources/optim/lbfgs_reference.py).
 *
 * <p>The strong-Wolfe comparisons run the engine on {@link DoubleStore}: with float storage the
 * point is rounded to float at every trial, and on Rosenbrock such rounding changes line-search
 * decisions within a few iterations, so no float implementation can follow a float64 trajectory
 * exactly. The float path ({@link Lbfgs}) is checked against torch where rounding does not matter
 * (no line search) and for convergence in {@link LbfgsTest}.
 */
class LbfgsTorchReferenceTest {

    private static final LbfgsParams WOLFE =
            LbfgsParams.builder().lr(1).maxIter(20).historySize(100).lineSearch(LineSearch.STRONG_WOLFE).build();

    /** Runs the engine in float64 and checks evaluation counts and x after selected steps. */
    private static void assertTrajectory(LbfgsParams params, double[] start, double firstLoss,
                                         int[] checkSteps, int[] torchEvals, int[] torchIters,
                                         double[][] torchX) {
        double[] tol = new double[checkSteps.length];
        Arrays.fill(tol, 1e-6);
        assertTrajectory(params, start, firstLoss, checkSteps, torchEvals, torchIters, torchX, tol);
    }

    private static void assertTrajectory(LbfgsParams params, double[] start, double firstLoss,
                                         int[] checkSteps, int[] torchEvals, int[] torchIters,
                                         double[][] torchX, double[] tolerance) {
        LbfgsEngine engine = new LbfgsEngine(params);
        DoubleStore store = new DoubleStore(start.length, LbfgsEngine.handleCount(params));
        double[] x = start.clone();
        store.bind(x, Rosenbrock::evaluate);
        int checked = 0;
        for (int step = 1; checked < checkSteps.length; step++) {
            double loss = engine.step(store);
            if (step == 1) {
                assertEquals(firstLoss, loss, 0, "loss returned by step 1");
            }
            if (step == checkSteps[checked]) {
                assertEquals(torchEvals[checked], engine.funcEvals(), "func_evals after step " + step);
                assertEquals(torchIters[checked], engine.nIter(), "n_iter after step " + step);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(torchX[checked][i], x[i], tolerance[checked],
                            "x[" + i + "] after step " + step + ": " + Arrays.toString(x));
                }
                checked++;
            }
        }
    }

    @Test
    void strongWolfeRosenbrock2dMatchesTorch() {
        assertTrajectory(WOLFE, new double[] {-1.5, 2.0}, 12.5,
                new int[] {1, 3}, new int[] {25, 53}, new int[] {19, 41},
                new double[][] {
                    {-0.08511855589862088, -0.028757058413776328},
                    {0.9999979943196414, 0.9999973438921667},
                });
    }

    @Test
    void strongWolfeRosenbrock10dMatchesTorch() {
        assertTrajectory(WOLFE, new double[10], 9.0,
                new int[] {1, 3}, new int[] {26, 70}, new int[] {16, 55},
                new double[][] {
                    {0.9318026953162329, 0.8500976412857565, 0.7252136568463752, 0.5140551203598764,
                        0.22136679453909897, 0.02982201415278094, 0.01420629339322323,
                        0.012159511331950318, 0.02028602243644573, -0.0029021495884505163},
                    {1.0000003692265163, 1.000000426793165, 1.000000229964652, 0.9999999879207518,
                        0.9999996407732846, 0.9999988862660094, 0.9999986567405763, 0.9999971655030522,
                        0.9999942524237734, 0.9999890100146516},
                });
    }

    @Test
    void strongWolfeRosenbrock10dFromMinusOnesMatchesTorch() {
        // From (-1, ..., -1) the float64 runs agree to ~1e-9 after step 2, but the end game of
        // step 3 amplifies summation-order rounding (torch's BLAS dot vs a plain loop) to ~2e-5 in
        // x. Evaluation and iteration counts still agree exactly, so step 3 is checked at 1e-4.
        double[] start = new double[10];
        Arrays.fill(start, -1.0);
        assertTrajectory(WOLFE, start, 3636.0,
                new int[] {1, 2, 3}, new int[] {26, 50, 71}, new int[] {20, 40, 60},
                new double[][] {
                    {0.7287354090894683, 0.5165068388155434, 0.2509164990769158, 0.04253460331601144,
                        0.015260073186821342, 0.014864784412878005, 0.015754190375700767,
                        0.013285579109085196, 0.024731462068209302, -0.016951169711117802},
                    {0.992337378945668, 0.9834443699118977, 0.9611932490784, 0.928112096638183,
                        0.8769724499329014, 0.7708602432455419, 0.5728401235647219, 0.3237869925412029,
                        0.11889620620895223, 0.0020610836819186717},
                    {0.9999872761492639, 0.9999752362581508, 0.9999470287509596, 0.999896279267015,
                        0.9999544614905119, 0.9999271219724493, 1.0000470229327671, 1.0000894105003002,
                        1.0001117483912012, 1.0000815223013195},
                },
                new double[] {1e-6, 1e-6, 1e-4});
    }

    @Test
    void shortHistoryRingMatchesTorch() {
        // history_size=3 forces the ring to wrap many times within the first step.
        LbfgsParams p = LbfgsParams.builder().historySize(3).lineSearch(LineSearch.STRONG_WOLFE).build();
        double[] start = new double[10];
        Arrays.fill(start, -1.0);
        assertTrajectory(p, start, 3636.0,
                new int[] {1, 2}, new int[] {25, 50}, new int[] {20, 39},
                new double[][] {
                    {0.7667736226174652, 0.629383511649358, 0.3867461192323428, 0.13695236755329457,
                        0.0138669651697709, 0.010441362157907846, 0.010219802169461077,
                        0.010725374925667218, 0.008112674903319243, 0.0013873325932317899},
                    {0.9951474529202227, 0.9902078566278143, 0.9702090779136555, 0.9349519685570132,
                        0.8633003958815255, 0.7430976762549177, 0.5495670164826756, 0.2749373035740665,
                        0.06405654084042034, 0.002829420576211783},
                });
    }

    @Test
    void noLineSearchOneStepMatchesTorchInFloat() {
        // The public float path: torch.optim.LBFGS(lr=0.1, max_iter=20) without line search.
        Lbfgs lbfgs = new Lbfgs(LbfgsParams.builder().lr(0.1).build());
        float[] x = {-1.5f, 2f};
        double loss = lbfgs.step(x, Rosenbrock::evaluate);
        assertEquals(12.5, loss, 0);
        assertEquals(20, lbfgs.totalEvaluations());
        assertEquals(20, lbfgs.totalIterations());
        assertEquals(-1.4043758711403123, x[0], 1e-6);
        assertEquals(1.990984189901701, x[1], 1e-6);

        float[] z = new float[10];
        Lbfgs lbfgs10 = new Lbfgs(LbfgsParams.builder().lr(0.1).build());
        lbfgs10.step(z, Rosenbrock::evaluate);
        lbfgs10.step(z, Rosenbrock::evaluate);
        assertEquals(40, lbfgs10.totalEvaluations());
        double[] torchStep2 = {0.058310728995323496, 0.013765001968707908, 0.011642423116423354,
            0.011610198799370794, 0.011609787430086359, 0.011609780810238538, 0.01160967220172643,
            0.011604119364952223, 0.01134827350456913, 0.0001278039486532348};
        for (int i = 0; i < z.length; i++) {
            assertEquals(torchStep2[i], z[i], 1e-6, "10-D, x[" + i + "] after step 2");
        }
    }

    @Test
    void noLineSearchMatchesTorchInDouble() {
        LbfgsParams p = LbfgsParams.builder().lr(0.1).build();
        assertTrajectory(p, new double[] {-1.5, 2.0}, 12.5,
                new int[] {1, 2}, new int[] {20, 40}, new int[] {20, 40},
                new double[][] {
                    {-1.4043758711403123, 1.990984189901701},
                    {-0.5929776891604479, 0.05270172336929217},
                });
    }
}
