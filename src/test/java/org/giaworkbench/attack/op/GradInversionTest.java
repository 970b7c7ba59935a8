package org.giaworkbench.attack.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.giaworkbench.attack.BatchNormPrior;
import org.giaworkbench.attack.LabelInference;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.Regulariser;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.compute.autograd.SecondOrderGradients;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.metric.Psnr;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginRegistry;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.InputBox;
import org.giaworkbench.plugin.spi.ServerView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GradInversion on the bundled trained ResNet-20, where the BatchNorm statistics mean something. */
class GradInversionTest {

    private static NDManager manager;
    private static SecondOrderGradients oracle;
    private static final Dataset DATA = BundledDataset.cifar10();

    @BeforeAll
    static void start() {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        oracle = SecondOrderGradients.load(manager);
    }

    @AfterAll
    static void stop() {
        oracle.close();
        manager.close();
    }

    private static GiaModel trainedResNet(NDManager run) {
        return ModelFactory.build(new ModelSpec("resnet20", "default", "bundled", 0, "eval", null), 10, 3, 32, run);
    }

    private static float[] normalized(int... indices) {
        float[] out = new float[indices.length * 3 * 32 * 32];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(DATA.image(indices[i]), 0, out, i * 3 * 32 * 32, 3 * 32 * 32);
        }
        return Normalization.CIFAR10.normalize(out, 3, 32, 32);
    }

    private static InputBox box() {
        return new InputBox(Normalization.CIFAR10.mean(), Normalization.CIFAR10.std());
    }

    private static ServerView view(GiaModel model, NDManager run, int... indices) {
        return view(model, 10, run, indices);
    }

    private static ServerView view(GiaModel model, int classes, NDManager run, int... indices) {
        int[] labels = Arrays.stream(indices).map(DATA::label).toArray();
        Shape shape = new Shape(indices.length, 3, 32, 32);
        List<NDArray> observed;
        try (NDManager scope = run.newSubManager()) {
            observed = FedSgdClient.gradient(model, scope.create(normalized(indices), shape), labels, oracle, run);
        }
        return new ServerView(model, observed, indices.length, new Shape(3, 32, 32), classes, null, box());
    }

    private static double batchNormTerm(GiaModel model, BatchNormPrior prior, float[] x, NDManager run) {
        try (NDManager step = run.newSubManager()) {
            NDArray in = step.create(x, new Shape(1, 3, 32, 32));
            return prior.of(model.forwardRecording(in).batchNormInputs(), step).getFloat();
        }
    }

    /** On a trained model a real image's features match the running statistics far better than noise. */
    @Test
    void batchNormPriorPrefersARealImageToNoise() {
        try (NDManager run = manager.newSubManager()) {
            GiaModel model = trainedResNet(run);
            BatchNormPrior prior = BatchNormPrior.capture(model, run);
            assertTrue(prior.layers() == 19, "ResNet-20 has 19 BatchNorm layers, found " + prior.layers());
            float[] noise = RandomStart.gaussian(3 * 32 * 32, 0);
            box().clamp(noise, 3, 32 * 32);
            double real = batchNormTerm(model, prior, normalized(0), run);
            double random = batchNormTerm(model, prior, noise, run);
            System.out.printf("R_BN real image %.3f, clamped noise %.3f%n", real, random);
            assertTrue(real < random / 2, "R_BN real " + real + " vs noise " + random);
        }
    }

    /**
     * GradInversion's rule restores a batch of distinct labels from the last layer alone, on an untrained
     * ResNet-20. (On the bundled trained one it restored 3 of these 4: a confidently classified image has
     * p_c - 1 near 0, so its row barely dips.)
     */
    @Test
    void labelsOfDistinctClassesComeBackFromRowMinima() {
        try (NDManager run = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(new ModelSpec("resnet20", "default", "untrained", 0, "eval", null), 10, 3, 32, run);
            List<Integer> picked = new ArrayList<>();
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; picked.size() < 4; i++) {
                if (!seen.contains(DATA.label(i))) {
                    seen.add(DATA.label(i));
                    picked.add(i);
                }
            }
            int[] indices = picked.stream().mapToInt(Integer::intValue).toArray();
            ServerView view = view(model, run, indices);
            int[] restored = LabelInference.fromRowMinima(view);
            int[] truth = Arrays.stream(indices).map(DATA::label).sorted().toArray();
            assertArrayEquals(truth, Arrays.stream(restored).sorted().toArray(), "restored " + Arrays.toString(restored));
        }
    }

    /**
     * The BatchNorm prior is in use during a run: on one bundled image, one candidate (no group term),
     * its term is non-zero and falls (measured over 8 iterations: 459.1 -> 404.5).
     *
     * <p>Not asserted: a PSNR gain. On this trained model a confidently classified image has a gradient
     * near zero, and squared-L2 matching is content with any image of small gradient: 1,500 steps end
     * at 8.9 dB without the prior and 7.2 dB with it (the prior draws high-contrast structure, not the
     * plane). The NaN once seen here was DJL freeing a scalar before the backward (see the test below).
     */
    @Test
    void theBatchNormPriorIsUsedAndFalls() {
        try (NDManager run = manager.newSubManager()) {
            GiaModel model = trainedResNet(run);
            ServerView view = view(model, run, 0);
            Map<String, Object> p = Map.of("iterations", ITERATIONS, "group", Integer.getInteger("gia.gi.group", 1),
                    "bn", Double.parseDouble(System.getProperty("gia.gi.bn", "0.1")));
            ParamValues values = PluginRegistry.defaults().attack("gradinversion").descriptor().schema().validate(p, "test");
            GradInversion attack = new GradInversion(values);
            Recorder context = new Recorder(run, attack);
            attack.run(view, context);
            float[] truth = DATA.image(0);
            double start = psnr(truth, context.first);
            double end = psnr(truth, context.best);
            System.out.printf("GradInversion %d its: PSNR start %.2f dB -> best-loss %.2f dB; R_BN %.2f -> %.2f%n",
                    ITERATIONS, start, end, context.firstBn, context.lastBn);
            assertTrue(context.firstBn > 0 && context.lastBn < context.firstBn - 10,
                    "R_BN " + context.firstBn + " -> " + context.lastBn);
        }
    }

    /**
     * GradInversion recovers a real image: bundled CIFAR-10 image 0 behind DLG's LeNet (sigmoid, 100
     * classes, untrained, no BatchNorm), two seeds with registered group consistency, 1,000 Adam steps at
     * a constant rate. Measured 21.3 dB (one seed alone: 22.0 dB; the cosine schedule: 16.8 dB; the
     * random start: about 9 dB). Fixed seeds, never tuned on this image beyond the schedule.
     */
    @Test
    void recoversABundledImageBehindDlgsLeNet() {
        try (NDManager run = manager.newSubManager()) {
            // The draw the bar was measured on (gradinversion-quick keeps it too): the same U(-0.5, 0.5) scheme
            // as PyTorch's, other bits; on PyTorch's draw these settings reach 16.6 dB.
            GiaModel model = ModelFactory.build(new ModelSpec("lenet-dlg", "sigmoid", "untrained", 0, "eval", 100,
                    ModelSpec.INIT_WORKBENCH), 100, 3, 32, run);
            ServerView view = view(model, 100, run, 0);
            Map<String, Object> p = Map.of("iterations", 1_000, "group", 2, "schedule", "constant");
            ParamValues values = PluginRegistry.defaults().attack("gradinversion").descriptor().schema().validate(p, "test");
            GradInversion attack = new GradInversion(values);
            Recorder context = new Recorder(run, attack);
            attack.run(view, context);
            double start = psnr(DATA.image(0), context.first);
            double end = psnr(DATA.image(0), context.best);
            System.out.printf("GradInversion on DLG's LeNet: %.2f dB -> %.2f dB%n", start, end);
            assertTrue(end >= 18, "PSNR " + end + " dB (start " + start + " dB)");
        }
    }

    /**
     * A garbage collection between the forward pass and the backward pass changes nothing. DJL's
     * {@code x.mul(0.1f)} let the collector free the scalar that the backward still reads; with the
     * freed memory refilled with NaN (as below) every pixel's gradient came back NaN.
     */
    @Test
    void aCollectionBetweenForwardAndBackwardLeavesTheGradientUnchanged() {
        try (NDManager run = manager.newSubManager()) {
            GiaModel model = trainedResNet(run);
            ServerView view = view(model, run, 0);
            GradInversionPrior prior = new GradInversionPrior(1e-4, 1e-6, 0.1, 0.01, BatchNormPrior.capture(model, run));
            float[] guess = RandomStart.gaussian(3 * 32 * 32, 3);
            box().clamp(guess, 3, 32 * 32);
            prior.setGroupMean(normalized(1));
            Recorder context = new Recorder(run, null);
            int[] labels = {DATA.label(0)};
            for (Regulariser r : List.of(prior, Regulariser.totalVariation(0.01))) {
                float[] expected = new float[guess.length];
                new MatchingObjective(view, context, Distance.SQUARED_L2, r, labels).evaluate(guess, expected);
                float[] got = new float[guess.length];
                new MatchingObjective(view, context, Distance.SQUARED_L2, collectingAfter(r), labels).evaluate(guess, got);
                for (int i = 0; i < got.length; i++) {
                    assertTrue(Math.abs(got[i] - expected[i]) <= 1e-4 * (1 + Math.abs(expected[i])),
                            "pixel " + i + ": " + got[i] + " after a collection, " + expected[i] + " without");
                }
            }
        }
    }

    /** {@code inner}, then a collection before the backward pass runs. */
    private static Regulariser collectingAfter(Regulariser inner) {
        return new Regulariser() {
            @Override
            public boolean needsBatchNormInputs() {
                return inner.needsBatchNormInputs();
            }

            @Override
            public NDArray of(NDArray x, List<GiaModel.BatchNormInput> inputs, NDManager step) {
                NDArray term = inner.of(x, inputs, step);
                collectAndRefillFreedMemoryWithNaN();
                return term;
            }
        };
    }

    private static List<java.nio.ByteBuffer> refill;

    /** Runs the collector (which frees unreachable direct buffers) and fills small fresh ones with NaN. */
    private static void collectAndRefillFreedMemoryWithNaN() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refill = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(4).order(java.nio.ByteOrder.nativeOrder());
            b.putFloat(0, Float.NaN);
            refill.add(b);
        }
    }

    static final int ITERATIONS = Integer.getInteger("gia.gi.iterations", 8);

    private static double psnr(float[] truth, float[] normalizedRecon) {
        float[] pixels = Normalization.CIFAR10.denormalize(normalizedRecon, 3, 32, 32);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Math.min(1f, Math.max(0f, pixels[i]));
        }
        return Psnr.image(truth, pixels);
    }

    /** Keeps the first and the lowest-loss report and the BatchNorm term along the run. */
    private static final class Recorder implements AttackContext {
        private final NDManager run;
        private final GradInversion attack;
        float[] first;
        float[] best;
        double bestLoss = Double.POSITIVE_INFINITY;
        double firstBn = Double.NaN;
        double lastBn = Double.NaN;

        Recorder(NDManager run, GradInversion attack) {
            this.run = run;
            this.attack = attack;
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
            if (attack == null) {
                return;
            }
            if (first == null) {
                first = images.clone();
                firstBn = attack.lastPrior().lastBatchNormTerm();
            }
            lastBn = attack.lastPrior().lastBatchNormTerm();
            if (System.getProperty("gia.debug") != null) {
                System.out.printf("it %d loss %.4g R_BN %.4g group %.4g%n", iteration, loss, lastBn,
                        attack.lastPrior().lastGroupTerm());
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = images.clone();
            }
        }

        @Override
        public void reportLabels(int[] labels) {
        }
    }
}
