package org.giaworkbench.attack.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.giaworkbench.attack.MatchingObjective;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.attack.StackedMatching;
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
import org.giaworkbench.model.Replicas;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginRegistry;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.InputBox;
import org.giaworkbench.plugin.spi.ServerView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.giaworkbench.testing.WithProperty;
import org.junit.jupiter.api.Test;

/**
 * Independent trials stacked on one model give each trial what it gets alone: the same first
 * evaluation (loss and gradient), and after a run the same reconstruction quality. On the CPU here;
 * the GPU speed-up is measured by {@code ./gia bench --device cuda --only sweep}.
 */
class StackedInvertingGradientsTest {

    private static final Dataset DATA = BundledDataset.cifar10();
    private static NDManager manager;
    private static SecondOrderGradients oracle;

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

    private static float[] normalized(int index) {
        return Normalization.CIFAR10.normalize(DATA.image(index), 3, 32, 32);
    }

    private static InputBox box() {
        return new InputBox(Normalization.CIFAR10.mean(), Normalization.CIFAR10.std());
    }

    private static ServerView view(GiaModel model, int index, NDManager run) {
        int[] labels = {DATA.label(index)};
        List<NDArray> observed;
        try (NDManager scope = run.newSubManager()) {
            observed = FedSgdClient.gradient(model, OwnedArrays.of(scope, normalized(index), new Shape(1, 3, 32, 32)),
                    labels, oracle, run);
        }
        return new ServerView(model, observed, 1, new Shape(3, 32, 32), model.numClasses(), labels, box());
    }

    /** Copy k of a stacked model (weights from seed k, image k) scores guess k as the model alone does. */
    @Test
    void stackedEvaluationIsEachTrialsOwn() {
        check("lenet-dlg", 3, 100);
        check("resnet20", 3, 10);
        check("resnet18-cifar", 2, 10);
    }

    private void check(String arch, int trials, int classes) {
        try (NDManager run = manager.newSubManager()) {
            List<ServerView> views = new ArrayList<>();
            List<int[]> labels = new ArrayList<>();
            for (int k = 0; k < trials; k++) {
                GiaModel model = ModelFactory.build(new ModelSpec(arch, "default", "untrained", k, "eval", classes), classes, 3, 32, run);
                views.add(view(model, 3 * k + 1, run));
                labels.add(views.get(k).knownLabels());
            }
            GiaModel stacked = Replicas.stack(views.stream().map(ServerView::model).toList(), run);
            StackedMatching together = new StackedMatching(stacked, views, labels, 1e-2, oracle, run);
            int size = together.sizePerTrial();
            float[] x = new float[size * trials];
            for (int k = 0; k < trials; k++) {
                System.arraycopy(RandomStart.gaussian(size, 40 + k), 0, x, k * size, size);
            }
            float[] g = new float[x.length];
            double[] losses = together.evaluate(x, g);
            for (int k = 0; k < trials; k++) {
                MatchingObjective alone = new MatchingObjective(views.get(k), context(run), Distance.COSINE, 1e-2, labels.get(k));
                float[] gk = new float[size];
                double loss = alone.evaluate(Arrays.copyOfRange(x, k * size, (k + 1) * size), gk);
                double relLoss = Math.abs(losses[k] - loss) / Math.abs(loss);
                double err = 0;
                double norm = 0;
                for (int i = 0; i < size; i++) {
                    double d = g[k * size + i] - gk[i];
                    err += d * d;
                    norm += (double) gk[i] * gk[i];
                }
                double relGrad = Math.sqrt(err / norm);
                System.out.printf("%s trial %d: loss %.7f alone %.7f (rel %.1e), gradient rel %.1e%n", arch, k, losses[k], loss,
                        relLoss, relGrad);
                assertTrue(relLoss < 1e-5, arch + " trial " + k + ": loss " + losses[k] + " stacked vs " + loss + " alone");
                assertTrue(relGrad < 1e-4, arch + " trial " + k + ": gradient differs by " + relGrad + " (relative L2)");
            }
        }
    }

    /** Evaluations of a stacked objective leave nothing behind: the live array count stays flat. */
    @Test
    void stackedEvaluationsKeepMemoryFlat() {
        for (String arch : List.of("lenet-dlg", "resnet20")) {
            try (NDManager run = manager.newSubManager()) {
                List<ServerView> views = new ArrayList<>();
                List<int[]> labels = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    GiaModel model = ModelFactory.build(new ModelSpec(arch, "default", "untrained", k, "eval", 10), 10, 3, 32, run);
                    views.add(view(model, k, run));
                    labels.add(views.get(k).knownLabels());
                }
                StackedMatching objective = new StackedMatching(Replicas.stack(views.stream().map(ServerView::model).toList(), run),
                        views, labels, 1e-2, oracle, run);
                float[] x = RandomStart.gaussian(objective.sizePerTrial() * 2, 5);
                float[] g = new float[x.length];
                for (int i = 0; i < 3; i++) {
                    objective.evaluate(x, g);
                }
                int warm = ((ai.djl.ndarray.BaseNDManager) run).getManagedArrays().size();
                for (int i = 0; i < 10; i++) {
                    objective.evaluate(x, g);
                }
                int after = ((ai.djl.ndarray.BaseNDManager) run).getManagedArrays().size();
                assertEquals(warm, after, arch + ": live arrays grew from " + warm + " to " + after + " over 10 evaluations");
            }
        }
    }

    /**
     * Two restarts of IG on an untrained ResNet-20, stacked and one after another, 40 iterations
     * each: the best reconstruction reaches the same PSNR (within 0.5 dB) and beats the random start.
     */
    @Test
    void stackedRestartsRecoverWhatSequentialRestartsRecover() throws Exception {
        double sequential = restartsPsnr("off");
        double stacked = restartsPsnr("on");
        System.out.printf("IG ResNet-20, 2 restarts x 40 its: sequential %.2f dB, stacked %.2f dB%n", sequential, stacked);
        assertEquals(sequential, stacked, 0.5, "stacked restarts should recover what sequential ones do");
        assertTrue(stacked > 11.0, "IG should improve on its random start, got " + stacked + " dB");
    }

    private double restartsPsnr(String mode) throws Exception {
        return WithProperty.with("gia.stack", mode, () -> {
            try (NDManager run = manager.newSubManager()) {
                GiaModel model = ModelFactory.build(new ModelSpec("resnet20", "default", "untrained", 0, "eval", null), 10, 3, 32, run);
                ServerView view = view(model, 3, run);
                ParamValues params = PluginRegistry.defaults().attack("inverting-gradients").descriptor().schema()
                        .validate(Map.of("iterations", 40, "restarts", 2), "test");
                Best best = new Best(run);
                new InvertingGradients(params).run(view, best);
                return psnr(best.images, 3);
            }
        });
    }

    /**
     * GradInversion's three candidates (trained ResNet-20, so the BatchNorm prior matters; group term
     * and registration on) stacked and one by one: the first iteration's best loss agrees to 1e-5
     * relative, and after 12 Adam steps the loss to 1e-3 and the reconstruction's PSNR to 0.5 dB.
     */
    @Test
    void stackedGradInversionCandidatesFollowTheOneByOnePath() throws Exception {
        List<Double> oneByOne = new ArrayList<>();
        List<Double> stacked = new ArrayList<>();
        double psnrOne = gradInversion("off", oneByOne);
        double psnrStacked = gradInversion("on", stacked);
        System.out.printf("GradInversion 3 candidates: first loss %.6f / %.6f, last %.6f / %.6f, PSNR %.2f / %.2f dB%n",
                oneByOne.get(0), stacked.get(0), oneByOne.get(oneByOne.size() - 1), stacked.get(stacked.size() - 1),
                psnrOne, psnrStacked);
        assertEquals(oneByOne.size(), stacked.size(), "same number of reports");
        assertEquals(oneByOne.get(0), stacked.get(0), 1e-5 * Math.abs(oneByOne.get(0)), "first iteration");
        double last = oneByOne.get(oneByOne.size() - 1);
        assertEquals(last, stacked.get(stacked.size() - 1), 1e-3 * Math.abs(last), "after 12 iterations");
        assertEquals(psnrOne, psnrStacked, 0.5);
        assertTrue(stacked.get(stacked.size() - 2) < 0.9 * stacked.get(0), "the loss should fall: " + stacked);
    }

    private double gradInversion(String mode, List<Double> losses) throws Exception {
        return WithProperty.with("gia.stack", mode, () -> {
            try (NDManager run = manager.newSubManager()) {
                GiaModel model = ModelFactory.build(new ModelSpec("resnet20", "default", "bundled", 0, "eval", null), 10, 3, 32, run);
                ServerView view = view(model, 3, run);
                ParamValues params = PluginRegistry.defaults().attack("gradinversion").descriptor().schema()
                        .validate(Map.of("iterations", 12, "group", 3), "test");
                Best best = new Best(run) {
                    @Override
                    public void report(int iteration, double l, float[] x) {
                        losses.add(l);
                        super.report(iteration, l, x);
                    }
                };
                new GradInversion(params).run(view, best);
                return psnr(best.images, 3);
            }
        });
    }

    /** PSNR of a reconstruction (model-input space) against bundled image {@code index}, clamped to [0, 1]. */
    private static double psnr(float[] images, int index) {
        float[] recon = Normalization.CIFAR10.denormalize(images, 3, 32, 32);
        for (int i = 0; i < recon.length; i++) {
            recon[i] = Math.max(0f, Math.min(1f, recon[i]));
        }
        return Psnr.image(DATA.image(index), recon);
    }

    private static AttackContext context(NDManager run) {
        return new Best(run);
    }

    /** Keeps the lowest-loss report, as the run session does. */
    private static class Best implements AttackContext {
        private final NDManager run;
        double loss = Double.POSITIVE_INFINITY;
        float[] images;

        Best(NDManager run) {
            this.run = run;
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
        public void report(int iteration, double l, float[] x) {
            if (l < loss) {
                loss = l;
                images = x.clone();
            }
        }

        @Override
        public void reportLabels(int[] labels) {
        }
    }
}
