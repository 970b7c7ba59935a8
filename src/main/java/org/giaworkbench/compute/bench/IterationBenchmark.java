package org.giaworkbench.compute.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.StackedMatching;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.optim.Adam;
import org.giaworkbench.attack.optim.Lbfgs;
import org.giaworkbench.attack.optim.LbfgsParams;
import org.giaworkbench.attack.optim.Signs;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.model.Replicas;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginRegistry;
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
        return invertingGradientsSteps("resnet18-cifar", 32, batch, batchNormTrain, iterations);
    }

    /** IG steps on {@code arch} ({@code resnet18-cifar}: 10 classes; {@code resnet18}: 1,000) at {@code resolution}. */
    public double[] invertingGradientsSteps(String arch, int resolution, int batch, boolean batchNormTrain, int iterations) {
        try (NDManager run = base.newSubManager()) {
            int classes = arch.equals("resnet18") ? 1000 : 10;
            GiaModel model = ModelFactory.build(new ModelSpec(arch, "relu", "untrained", 0,
                    batchNormTrain ? "train" : "eval", classes), classes, 3, resolution, run);
            int[] labels = labels(batch, classes, 0);
            ServerView view = view(model, syntheticImage(batch, resolution), resolution, labels, run);
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

    /**
     * Milliseconds of each round of {@code cells} independent IG trials (CIFAR ResNet-18, batch 1, trial i
     * on synthetic image i with label (3 + 2i) mod 10): stacked on one model ({@code stacked}), or one
     * trial after another as a sweep ran them before.
     */
    public double[] sweepRounds(int cells, boolean stacked, int rounds) {
        try (NDManager run = base.newSubManager()) {
            GiaModel model = ModelFactory.build(new ModelSpec("resnet18-cifar", "relu", "untrained", 0, "eval", 10), 10, 3, 32, run);
            float[] images = syntheticImage(cells, 32);
            int size = 3 * 32 * 32;
            List<ServerView> views = new java.util.ArrayList<>();
            List<int[]> labels = new java.util.ArrayList<>();
            for (int k = 0; k < cells; k++) {
                int[] y = labels(1, 10, k);
                labels.add(y);
                views.add(view(model, Arrays.copyOfRange(images, k * size, (k + 1) * size), 32, y, run));
            }
            double[] ms = new double[rounds];
            if (stacked) {
                GiaModel copies = Replicas.stack(java.util.Collections.nCopies(cells, model), run);
                StackedMatching objective = new StackedMatching(copies, views, labels, 0.01, oracle, run);
                float[] x = RandomStart.gaussian(size * cells, 0);
                float[] g = new float[x.length];
                Adam adam = new Adam();
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    objective.evaluate(x, g);
                    Signs.signInPlace(g);
                    adam.step(x, g, 0.1);
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                }
                return ms;
            }
            List<MatchingObjective> objectives = new java.util.ArrayList<>();
            List<float[]> xs = new java.util.ArrayList<>();
            List<Adam> adams = new java.util.ArrayList<>();
            for (int k = 0; k < cells; k++) {
                objectives.add(new MatchingObjective(views.get(k), context(run), Distance.COSINE, 0.01, labels.get(k)));
                xs.add(RandomStart.gaussian(size, k));
                adams.add(new Adam());
            }
            float[] g = new float[size];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < cells; k++) {
                    objectives.get(k).evaluate(xs.get(k), g);
                    Signs.signInPlace(g);
                    adams.get(k).step(xs.get(k), g, 0.1);
                }
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            return ms;
        }
    }

    /**
     * Milliseconds of each GradInversion iteration, timed through the attack itself (one candidate, so no
     * group term; constant learning rate), CIFAR ResNet-18, labels known, BatchNorm prior on.
     */
    public double[] gradInversionSteps(int batch, boolean batchNormTrain, int iterations) {
        try (NDManager run = base.newSubManager()) {
            GiaModel model = ModelFactory.build(new ModelSpec("resnet18-cifar", "relu", "untrained", 0,
                    batchNormTrain ? "train" : "eval", 10), 10, 3, 32, run);
            int[] labels = labels(batch, 10, 0);
            ServerView view = view(model, syntheticImage(batch, 32), 32, labels, run);
            ParamValues params = PluginRegistry.defaults().attack("gradinversion").descriptor().schema().validate(
                    java.util.Map.of("iterations", iterations, "group", 1, "schedule", "constant"), "benchmark");
            double[] ms = new double[iterations];
            long[] last = {System.nanoTime()};
            AttackContext timed = new TimedContext(run, (iteration, now) -> {
                ms[iteration - 1] = (now - last[0]) / 1e6;
                last[0] = now;
            });
            PluginRegistry.defaults().attack("gradinversion").create(params).run(view, timed);
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
        return view(model, syntheticImage(batch), 32, labels, run);
    }

    private ServerView view(GiaModel model, float[] images, int resolution, int[] labels, NDManager run) {
        int batch = labels.length;
        Shape shape = new Shape(batch, 3, resolution, resolution);
        List<NDArray> observed;
        try (NDManager scope = run.newSubManager()) {
            observed = FedSgdClient.gradient(model, OwnedArrays.of(scope, images, shape), labels, oracle, run);
        }
        return new ServerView(model, observed, batch, new Shape(3, resolution, resolution), model.numClasses(), labels,
                new InputBox(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
    }

    /** The reference's labels: (3 + 2i) mod classes for images first .. first + batch - 1. */
    private static int[] labels(int batch, int classes, int first) {
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = (3 + 2 * (first + i)) % classes;
        }
        return labels;
    }

    /** The synthetic batch at {@code resolution} (bilinear, as the reference's F.interpolate; timing only). */
    static float[] syntheticImage(int batch, int resolution) {
        float[] small = syntheticImage(batch);
        if (resolution == 32) {
            return small;
        }
        int per = 3 * 32 * 32;
        float[] out = new float[batch * 3 * resolution * resolution];
        for (int n = 0; n < batch; n++) {
            float[] r = org.giaworkbench.data.ImageResizer.resize(Arrays.copyOfRange(small, n * per, (n + 1) * per), 3, 32, 32,
                    resolution, resolution);
            System.arraycopy(r, 0, out, n * r.length, r.length);
        }
        return out;
    }

    /** An attack context that notes the clock at each new iteration. */
    private final class TimedContext implements AttackContext {
        private final NDManager run;
        private final IterationClock clock;

        TimedContext(NDManager run, IterationClock clock) {
            this.run = run;
            this.clock = clock;
        }

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
            clock.tick(iteration, System.nanoTime());
        }

        @Override
        public void reportLabels(int[] labels) {
        }
    }

    @FunctionalInterface
    private interface IterationClock {
        void tick(int iteration, long nanos);
    }

    /** A context that only holds the run's manager and the oracle (the timed steps report nothing). */
    private AttackContext context(NDManager run) {
        return new TimedContext(run, (iteration, nanos) -> { });
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
