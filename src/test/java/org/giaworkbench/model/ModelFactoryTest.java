package org.giaworkbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.compute.autograd.SecondOrderGradients;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFactoryTest {

    private static NDManager manager;
    private static SecondOrderGradients oracle;

    @BeforeAll
    static void start() {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(Device.cpu());
        oracle = SecondOrderGradients.load(manager);
    }

    @AfterAll
    static void stop() {
        oracle.close();
        manager.close();
    }

    private static ModelSpec spec(String arch, String activation, String weights, int seed) {
        return new ModelSpec(arch, activation, weights, seed, "eval", null);
    }

    /** Published sizes for 10 classes: He et al. 2016 (0.27 M, 0.46 M, 0.85 M); ResNet-18 CIFAR 11.17 M. */
    @Test
    void parameterCountsMatchThePublishedArchitectures() {
        try (NDManager m = manager.newSubManager()) {
            assertEquals(269_722, ModelFactory.build(spec("resnet20", "default", "untrained", 0), 10, 3, 32, m).parameterCount());
            assertEquals(464_154, ModelFactory.build(spec("resnet32", "default", "untrained", 0), 10, 3, 32, m).parameterCount());
            assertEquals(853_018, ModelFactory.build(spec("resnet56", "default", "untrained", 0), 10, 3, 32, m).parameterCount());
            assertEquals(11_173_962, ModelFactory.build(spec("resnet18-cifar", "default", "untrained", 0), 10, 3, 32, m).parameterCount());
            // DLG's LeNet for 100 classes: 3 x (12*k*k*C + 12) + 768*100 + 100.
            assertEquals(3 * 12 * 25 + 12 + 2 * (12 * 12 * 25 + 12) + 768 * 100 + 100,
                    ModelFactory.build(spec("lenet-dlg", "default", "untrained", 0), 100, 3, 32, m).parameterCount());
        }
    }

    @Test
    void everyActivationRunsForwardAndBackward() {
        for (ActivationKind act : ActivationKind.values()) {
            try (NDManager m = manager.newSubManager()) {
                GiaModel model = ModelFactory.build(spec("resnet20", act.id(), "untrained", 1), 10, 3, 32, m);
                NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 32, 32));
                NDArray logits = model.forward(x);
                assertEquals(new Shape(2, 10), logits.getShape());
                NDArray loss = ClassificationLoss.crossEntropy(logits, ClassificationLoss.oneHot(m, new int[] {1, 2}, 10, x));
                List<NDArray> grads = oracle.grad(List.of(loss), model.trainableArrays(), false, m);
                double norm = grads.stream().mapToDouble(g -> g.square().sum().getFloat()).sum();
                assertTrue(norm > 0 && Double.isFinite(norm), act + " gradient norm " + norm);
            }
        }
    }

    @Test
    void theSeedDecidesTheWeights() {
        try (NDManager m = manager.newSubManager()) {
            float[] a = ModelFactory.build(spec("lenet-dlg", "default", "untrained", 7), 10, 3, 32, m).trainableArrays().get(0).toFloatArray();
            float[] b = ModelFactory.build(spec("lenet-dlg", "default", "untrained", 7), 10, 3, 32, m).trainableArrays().get(0).toFloatArray();
            float[] c = ModelFactory.build(spec("lenet-dlg", "default", "untrained", 8), 10, 3, 32, m).trainableArrays().get(0).toFloatArray();
            assertArrayEquals(a, b);
            assertTrue(a[0] != c[0]);
            for (float v : a) {
                assertTrue(v >= -0.5f && v < 0.5f, "DLG LeNet weights are U(-0.5, 0.5): " + v);
            }
        }
    }

    /**
     * The bundled trained ResNet-20 classifies the bundled JPEG-compressed CIFAR-10 images well (the data
     * notes measured 80.4 % on all 1,000 with ImageNet normalisation, the normalisation it was trained with).
     */
    @Test
    void theBundledTrainedResNet20Classifies() {
        Dataset data = BundledDataset.cifar10();
        int n = 200;
        int correct = 0;
        try (NDManager m = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(spec("resnet20", "default", "bundled", 0), 10, 3, 32, m);
            for (int start = 0; start < n; start += 50) {
                float[] pixels = new float[50 * 3072];
                for (int i = 0; i < 50; i++) {
                    System.arraycopy(data.image(start + i), 0, pixels, i * 3072, 3072);
                }
                float[] input = Normalization.IMAGENET.normalize(pixels, 3, 32, 32);
                float[] logits = model.forward(m.create(input, new Shape(50, 3, 32, 32))).toFloatArray();
                for (int i = 0; i < 50; i++) {
                    int best = 0;
                    for (int c = 1; c < 10; c++) {
                        if (logits[i * 10 + c] > logits[i * 10 + best]) {
                            best = c;
                        }
                    }
                    correct += best == data.label(start + i) ? 1 : 0;
                }
            }
        }
        assertTrue(correct >= 0.72 * n, "accuracy " + correct + "/" + n);
    }

    @Test
    void weightsRoundTripThroughNpzAndMisfitsAreClearErrors(@TempDir Path dir) throws Exception {
        try (NDManager m = manager.newSubManager()) {
            GiaModel source = ModelFactory.build(spec("resnet20", "default", "untrained", 3), 10, 3, 32, m);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            source.saveNpz(bytes);
            Path file = dir.resolve("r20.npz");
            Files.write(file, bytes.toByteArray());
            GiaModel copy = ModelFactory.build(spec("resnet20", "default", file.toString(), 99), 10, 3, 32, m);
            assertArrayEquals(source.trainableArrays().get(5).toFloatArray(), copy.trainableArrays().get(5).toFloatArray());

            GiaException wrongArch = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec("resnet32", "default", file.toString(), 0), 10, 3, 32, m));
            assertTrue(wrongArch.getMessage().contains("missing"), wrongArch.getMessage());
            GiaException wrongClasses = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec("resnet20", "default", file.toString(), 0), 100, 3, 32, m));
            assertTrue(wrongClasses.getMessage().contains("shape"), wrongClasses.getMessage());
            Path junk = dir.resolve("junk.npz");
            Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
            GiaException corrupt = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec("resnet20", "default", junk.toString(), 0), 10, 3, 32, m));
            assertTrue(corrupt.getMessage().contains("junk.npz"), corrupt.getMessage());
            assertThrows(GiaException.class, () -> source.loadNpz(new ByteArrayInputStream(new byte[0]), "empty"));
            assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec("lenet-dlg", "default", "untrained", 0), 10, 3, 64, m));
        }
    }
}
