package org.giaworkbench.compute.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.optim.Adam;
import org.giaworkbench.attack.optim.Lbfgs;
import org.giaworkbench.attack.optim.LbfgsParams;
import org.giaworkbench.attack.optim.Signs;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.InputBox;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * Times the same computations as {@code gia_reference.py}: one Inverting Gradients step on the CIFAR
 * ResNet-18 and DLG evaluations on the DLG LeNet, with the reference's synthetic image and labels.
 * Compute thread only.
 */
public final class IterationBenchmark {

    private final NDManager base;
    private final GradientOracle oracle;

    public IterationBenchmark(NDManager base, GradientOracle oracle) {
        this.base = base;
        this.oracle = oracle;
    }

    /** Milliseconds of each IG step (forward, CE, create-graph gradients, 1 - cosine + TV, grad to x, signed Adam). */
    public double[] invertingGradientsSteps(int batch, boolean batchNormTrain, int iterations) {
        try (NDManager run = base.newSubManager()) {
            GiaModel model = ModelFactory.build(new ModelSpec("resnet18-cifar", "relu", "untrained", 0,
                    batchNormTrain ? "train" : "eval", 10), 10, 3, 32, run);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = (3 + 2 * i) % 10;
            }
            ServerView view = view(model, batch, labels, run);
            MatchingObjective objective = new MatchingObjective(view, context(run), Distance.COSINE, 0.01, labels);
            float[] x = RandomStart.gaussian(objective.size(), 0);
            float[] g = new float[x.length];
            Adam adam = new Adam();
            double[] ms = new double[iterations];
            for (int it = 0; it < iterations; it++) {
                long t0 = System.nanoTime();
                objective.evaluate(x, g);
                Signs.signInPlace(g);
                adam.step(x, g, 0.1);
                ms[it] = (System.nanoTime() - t0) / 1e6;
            }
            return ms;
        }
    }

    /** Milliseconds per DLG evaluation over {@code steps} L-BFGS steps (strong Wolfe, history 100), label 7 known. */
    public double dlgMillisPerEvaluation(int steps) {
        try (NDManager run = base.newSubManager()) {
            GiaModel model = ModelFactory.build(new ModelSpec("lenet-dlg", "sigmoid", "untrained", 0, "eval", 100), 100, 3, 32, run);
            int[] labels = {7};
            ServerView view = view(model, 1, labels, run);
            MatchingObjective objective = new MatchingObjective(view, context(run), Distance.SQUARED_L2, 0, labels);
            float[] x = RandomStart.gaussian(objective.size(), 0);
            Lbfgs lbfgs = new Lbfgs(LbfgsParams.builder().lr(1).maxIter(20).historySize(100)
                    .lineSearch(LbfgsParams.LineSearch.STRONG_WOLFE).build());
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                lbfgs.step(x, objective);
            }
            return (System.nanoTime() - t0) / 1e6 / Math.max(1, lbfgs.totalEvaluations());
        }
    }

    private ServerView view(GiaModel model, int batch, int[] labels, NDManager run) {
        Shape shape = new Shape(batch, 3, 32, 32);
        List<NDArray> observed;
        try (NDManager scope = run.newSubManager()) {
            observed = FedSgdClient.gradient(model, OwnedArrays.of(scope, syntheticImage(batch), shape), labels, oracle, run);
        }
        return new ServerView(model, observed, batch, new Shape(3, 32, 32), model.numClasses(), labels,
                new InputBox(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
    }

    private AttackContext context(NDManager run) {
        return new AttackContext() {
            @Override
            public NDManager runManager() {
                return run;
            }

            @Override
            public GradientOracle gradients() {
                return oracle;
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public void checkCancelled() {
            }

            @Override
            public void expectIterations(int total) {
            }

            @Override
            public void report(int iteration, double loss, float[] images) {
            }

            @Override
            public void reportLabels(int[] labels) {
            }
        };
    }

    /** The reference's deterministic smooth test image (see {@code synthetic_image} in gia_reference.py). */
    static float[] syntheticImage(int batch) {
        float[] img = new float[batch * 3 * 32 * 32];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 32; i++) {
                    for (int j = 0; j < 32; j++) {
                        double ys = i / 31.0;
                        double xs = j / 31.0;
                        double v = 0.5 + 0.25 * Math.sin(2 * Math.PI * (xs * (1 + c + n) + 0.3 * ys));
                        v += 0.35 * Math.exp(-(Math.pow(xs - 0.3 - 0.1 * n, 2) + Math.pow(ys - 0.6, 2)) / 0.02) * (c != 1 ? 1 : -1);
                        v += 0.2 * Math.exp(-(Math.pow(xs - 0.75, 2) + Math.pow(ys - 0.25 - 0.1 * c, 2)) / 0.01);
                        img[((n * 3 + c) * 32 + i) * 32 + j] = (float) Math.max(0, Math.min(1, v));
                    }
                }
            }
        }
        return img;
    }

    /** Median of {@code values} after dropping the first {@code warmup}. */
    public static double median(double[] values, int warmup) {
        double[] kept = Arrays.copyOfRange(values, Math.min(warmup, values.length - 1), values.length);
        Arrays.sort(kept);
        int m = kept.length / 2;
        return kept.length % 2 == 1 ? kept[m] : (kept[m - 1] + kept[m]) / 2;
    }
}
