package org.giaworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.compute.autograd.SecondOrderGradients;
import org.giaworkbench.core.spec.ModelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ImageNet zoo: torchvision parameter counts, and forward + backward at 32x32 and 224x224 with
 * every activation. Every model runs ReLU at 224 (batch 1) and at 32 (batch 2). Every other activation
 * runs at 32 (batch 2) in AlexNet, GoogLeNet and ResNet-50, one model per building pattern (plain
 * convolution + linear stack, inception concatenation, bottleneck residual): VGG shares AlexNet's
 * code path and ResNet-101 ResNet-50's, and each would cost 138 M / 45 M freshly allocated weights per
 * activation. Each model lives in its own sub-manager, closed at once (VGG-16 holds 553 MB of weights).
 */
class ModelZooTest {

    private static final List<String> ZOO = List.of("alexnet", "vgg11", "vgg16", "googlenet", "resnet18", "resnet50",
            "resnet101");
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

    private static ModelSpec spec(String arch, String activation) {
        return new ModelSpec(arch, activation, "untrained", 0, "train", null);
    }

    private static ModelSpec evalSpec(String arch) {
        return new ModelSpec(arch, "default", "untrained", 0, "eval", null);
    }

    /**
     * torchvision 0.14 {@code sum(p.numel() for p in m.parameters())} for 1,000 classes (googlenet with
     * aux_logits=False); checked with tools/zoo_reference_counts.py, which also wrote
     * the state-dict names in test resources {@code torchvision-names/}. The count does not depend on the
     * input size (adaptive pooling), which the 32 and 224 builds of AlexNet confirm.
     */
    @Test
    void parameterCountsMatchTorchvision() {
        Map<String, Long> published = Map.of("alexnet", 61_100_840L, "vgg11", 132_863_336L, "vgg16", 138_357_544L,
                "googlenet", 6_624_904L, "resnet18", 11_689_512L, "resnet50", 25_557_032L, "resnet101", 44_549_160L);
        for (String arch : ZOO) {
            try (NDManager m = manager.newSubManager()) {
                GiaModel model = ModelFactory.buildShapesOnly(spec(arch, "default"), 1000, 3, 32, m);
                assertEquals(published.get(arch), model.parameterCount(), arch);
                // Same names in the same order as torchvision's state_dict, so .npz exports load by name.
                List<String> names = new ArrayList<>();
                model.forEachParameter((name, array) -> names.add(name));
                assertEquals(torchvisionNames(arch), names, arch);
            }
        }
        assertEquals(61_100_840L, ModelFactory.parameterCount(spec("alexnet", "default"), 1000, 3, 224, manager));
    }

    private static List<String> torchvisionNames(String arch) {
        try (InputStream in = ModelZooTest.class.getResourceAsStream("torchvision-names/" + arch + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyModelRunsForwardAndBackwardAt32And224() {
        for (String arch : ZOO) {
            try (NDManager m = manager.newSubManager()) {
                GiaModel model = ModelFactory.buildShapesOnly(spec(arch, "relu"), 10, 3, 32, m);
                checkForwardBackward(model, arch + " relu", 1, 224, m);
                checkForwardBackward(model, arch + " relu", 2, 32, m);
            }
        }
    }

    @Test
    void everyActivationRunsInEachBuildingPatternAt32() {
        for (String arch : List.of("alexnet", "googlenet", "resnet50")) {
            for (ActivationKind act : ActivationKind.values()) {
                if (act == ActivationKind.RELU) {
                    continue; // covered at both sizes above
                }
                try (NDManager m = manager.newSubManager()) {
                    GiaModel model = ModelFactory.buildShapesOnly(spec(arch, act.id()), 10, 3, 32, m);
                    checkForwardBackward(model, arch + " " + act.id(), 2, 32, m);
                }
            }
        }
    }

    /** The production path (seeded host initialisation, large tensors streamed) gives usable logits. */
    @Test
    void seededInitialisationIsReproducibleAndFinite() {
        for (String arch : List.of("googlenet", "vgg11")) {
            float[] first;
            float[] second;
            try (NDManager m = manager.newSubManager()) {
                GiaModel a = ModelFactory.build(evalSpec(arch), 10, 3, 32, m);
                first = a.forward(m.ones(new Shape(1, 3, 32, 32))).toFloatArray();
            }
            try (NDManager m = manager.newSubManager()) {
                GiaModel b = ModelFactory.build(evalSpec(arch), 10, 3, 32, m);
                second = b.forward(m.ones(new Shape(1, 3, 32, 32))).toFloatArray();
            }
            for (int i = 0; i < first.length; i++) {
                assertTrue(Float.isFinite(first[i]), arch + " logit " + i);
                assertEquals(first[i], second[i], 0f, arch + ": same seed, same weights");
            }
        }
    }

    private static void checkForwardBackward(GiaModel model, String what, int batch, int size, NDManager m) {
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.randomUniform(0, 1, new Shape(batch, 3, size, size));
            NDArray logits = model.forward(x);
            assertEquals(new Shape(batch, 10), logits.getShape(), what + " at " + size);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = i + 1;
            }
            NDArray loss = ClassificationLoss.crossEntropy(logits, ClassificationLoss.oneHot(scope, labels, 10, x));
            List<NDArray> grads = oracle.grad(List.of(loss), model.trainableArrays(), false, scope);
            assertEquals(model.trainableArrays().size(), grads.size());
            double total = 0;
            for (NDArray g : grads) {
                double s = g.square().sum().getFloat();
                assertTrue(Double.isFinite(s), what + " at " + size + ": non-finite gradient");
                total += s;
            }
            // The first convolution's gradient shows that backward reached the input end of the network.
            double first = grads.get(0).square().sum().getFloat();
            assertTrue(total > 0 && first > 0, what + " at " + size + ": gradient norms " + total + ", first layer " + first);
        }
    }
}
