package org.giaworkbench.compute.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.giaworkbench.attack.TotalVariation;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.MatchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java gradient-matching values equal those of plain PyTorch on the same weights and real images.
 * The expected numbers were computed by {@code tools/parity_reference.py} (Debian's PyTorch 1.13, its
 * own model code, the workbench's seeded LeNet weights reproduced from java.util.Random, the bundled
 * trained ResNet-20) and committed, so the test needs no Python. libtorch 2.5.1 and PyTorch 1.13 pick
 * different float32 kernels, hence relative tolerances of 1e-4 on losses and 1e-3 on gradients.
 */
class ReferenceParityTest {

    private static NDManager manager;
    private static SecondOrderGradients oracle;
    private static JsonNode expected;

    @BeforeAll
    static void start() throws Exception {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(Device.cpu());
        oracle = SecondOrderGradients.load(manager);
        try (InputStream in = ReferenceParityTest.class.getResourceAsStream("/parity/reference-values.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        oracle.close();
        manager.close();
    }

    @Test
    void dlgOnTheSeededLeNetMatchesPyTorch() {
        check("dlg_lenet_seed0", new ModelSpec("lenet-dlg", "sigmoid", "untrained", 0, "eval", 100, ModelSpec.INIT_WORKBENCH), 100,
                new int[] {0}, new int[] {1}, Normalization.NONE, Distance.SQUARED_L2, 0);
    }

    @Test
    void invertingGradientsOnTheTrainedResNet20MatchesPyTorchInEvalMode() {
        check("ig_resnet20_trained_bn_eval", new ModelSpec("resnet20", "relu", "bundled", 0, "eval", null), 10,
                new int[] {0, 1}, new int[] {2, 3}, Normalization.CIFAR10, Distance.COSINE, 0.01);
    }

    @Test
    void invertingGradientsOnTheTrainedResNet20MatchesPyTorchInTrainMode() {
        check("ig_resnet20_trained_bn_train", new ModelSpec("resnet20", "relu", "bundled", 0, "train", null), 10,
                new int[] {0, 1}, new int[] {2, 3}, Normalization.CIFAR10, Distance.COSINE, 0.01);
    }

    private void check(String key, ModelSpec spec, int classes, int[] truthIndices, int[] guessIndices,
                       Normalization normalization, Distance distance, double tvWeight) {
        JsonNode want = expected.get(key);
        Dataset data = BundledDataset.cifar10();
        int[] labels = new int[truthIndices.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(truthIndices[i]);
        }
        Shape shape = new Shape(truthIndices.length, 3, 32, 32);
        try (NDManager run = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(spec, classes, 3, 32, run);
            List<NDArray> target;
            try (NDManager scope = run.newSubManager()) {
                target = FedSgdClient.gradient(model, scope.create(batch(data, truthIndices, normalization), shape),
                        labels, oracle, run);
            }
            try (NDManager step = run.newSubManager()) {
                NDArray x = step.create(batch(data, guessIndices, normalization), shape);
                x.setRequiresGradient(true);
                NDArray loss = ClassificationLoss.crossEntropy(model.forward(x),
                        ClassificationLoss.oneHot(step, labels, classes, x));
                NDArray extra = TotalVariation.of(x).mul((float) tvWeight);
                MatchResult r = oracle.match(loss, model.trainableArrays(), target, List.of(x), extra, distance, step);
                float[] dx = r.variableGradients().get(0).toFloatArray();
                double norm = 0;
                double sum = 0;
                for (float v : dx) {
                    norm += (double) v * v;
                    sum += v;
                }
                norm = Math.sqrt(norm);
                assertRelative(want.get("total").asDouble(), r.total().getFloat(), 1e-4, key + " total");
                assertRelative(want.get("distance").asDouble(), r.distance().getFloat(), 1e-4, key + " distance");
                assertRelative(want.get("dx_norm").asDouble(), norm, 1e-3, key + " |dx|");
                assertEquals(want.get("dx_sum").asDouble(), sum, 1e-3 * norm * Math.sqrt(dx.length), key + " sum dx");
                for (int i = 0; i < 5; i++) {
                    assertEquals(want.get("dx_first").get(i).asDouble(), dx[i], 1e-3 * norm, key + " dx[" + i + "]");
                }
            }
        }
    }

    private static float[] batch(Dataset data, int[] indices, Normalization normalization) {
        float[][] images = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            images[i] = data.image(indices[i]);
        }
        ImageBatch b = ImageBatch.of(3, 32, 32, images);
        return normalization.normalize(b.pixels(), 3, 32, 32);
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.abs(expected), what + ": java " + actual + " vs pytorch " + expected);
    }
}
