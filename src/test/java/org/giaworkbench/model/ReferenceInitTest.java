package org.giaworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.core.spec.ModelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code model.init=reference} gives PyTorch's initial weights: for each architecture and seed, every
 * parameter's first values, last value, sum and sum of squares equal those of the module PyTorch builds
 * after {@code torch.manual_seed(seed)} (torchvision's models, DLG's LeNet, the CIFAR ResNets), computed
 * once by {@code tools/init_reference.py} and committed. PyTorch 1.13 drew the expected values and
 * libtorch 2.5.1 draws ours; the tolerance allows for vectorised normal sampling that may round the
 * last bit differently, nothing more (a wrong scheme, order or seed changes the values entirely).
 */
class ReferenceInitTest {

    private static NDManager manager;
    private static JsonNode expected;

    @BeforeAll
    static void start() throws Exception {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(Device.cpu());
        try (InputStream in = ReferenceInitTest.class.getResourceAsStream("/parity/init-reference.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"lenet-dlg, 0, 100, 32", "lenet-dlg, 7, 100, 32", "resnet20, 0, 10, 32", "resnet18-cifar, 0, 10, 32",
            "resnet18-cifar, 3, 10, 32", "resnet18, 0, 1000, 64", "googlenet, 0, 1000, 64", "alexnet, 0, 1000, 64"})
    void drawsPyTorchsInitialWeights(String arch, long seed, int classes, int resolution) {
        JsonNode want = null;
        for (JsonNode c : expected.get("cases")) {
            if (c.get("arch").asText().equals(arch) && c.get("seed").asLong() == seed) {
                want = c.get("parameters");
            }
        }
        assertNotNull(want, "no reference values for " + arch + " seed " + seed);
        try (NDManager scope = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(new ModelSpec(arch, "default", "untrained", seed, "eval", classes,
                    ModelSpec.INIT_REFERENCE), classes, 3, resolution, scope);
            Map<String, NDArray> ours = new LinkedHashMap<>();
            model.forEachParameter(ours::put);
            int compared = 0;
            for (var it = want.fields(); it.hasNext(); ) {
                var e = it.next();
                NDArray a = ours.get(e.getKey());
                assertNotNull(a, arch + " has no parameter " + e.getKey());
                float[] v = a.toFloatArray();
                JsonNode w = e.getValue();
                assertEquals(w.get("numel").asLong(), v.length, e.getKey() + " size");
                double sum = 0;
                double sumsq = 0;
                for (float x : v) {
                    sum += x;
                    sumsq += (double) x * x;
                }
                double rms = Math.sqrt(sumsq / v.length);
                String what = arch + " seed " + seed + " " + e.getKey();
                for (int i = 0; i < w.get("first").size(); i++) {
                    assertEquals(w.get("first").get(i).asDouble(), v[i], 1e-6 * Math.max(rms, 1e-3), what + "[" + i + "]");
                }
                assertEquals(w.get("last").asDouble(), v[v.length - 1], 1e-6 * Math.max(rms, 1e-3), what + " last");
                assertEquals(w.get("sumsq").asDouble(), sumsq, 1e-5 * Math.max(sumsq, 1e-9), what + " sum of squares");
                assertEquals(w.get("sum").asDouble(), sum, 1e-5 * Math.sqrt(sumsq * v.length) + 1e-9, what + " sum");
                compared++;
            }
            assertTrue(compared > 0);
        }
    }
}
