package org.giaworkbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.compute.autograd.SecondOrderGradients;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.testing.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Your own model": the tiny TorchScript LeNet of {@code tools/make_tiny_torchscript.py} (test resource
 * {@code tiny-lenet.pt}) is imported, its parameters are the shared gradient, and DLG attacks it.
 */
class TorchScriptImportTest {

    private static NDManager manager;
    private static SecondOrderGradients oracle;
    @TempDir
    static Path dir;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(Device.cpu());
        oracle = SecondOrderGradients.load(manager);
        file = dir.resolve("tiny-lenet.pt");
        try (InputStream in = TorchScriptImportTest.class.getResourceAsStream("tiny-lenet.pt")) {
            Files.copy(in, file);
        }
    }

    @AfterAll
    static void stop() {
        oracle.close();
        manager.close();
    }

    private static ModelSpec spec(String weights, String activation) {
        return new ModelSpec("torchscript", activation, weights, 0, "eval", null);
    }

    @Test
    void importsTheParametersUnderTheirPyTorchNamesAndGivesPythonsLogits() {
        try (NDManager m = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(spec(file.toString(), "default"), 10, 3, 32, m);
            // 3*12*25+12 + 2*(12*12*25+12) + 768*10+10, as the script prints.
            assertEquals(15_826, model.parameterCount());
            assertEquals(List.of("body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias", "body.4.weight",
                    "body.4.bias", "fc.weight", "fc.bias"), model.trainableNames());
            // The script's probe: linspace(0, 1) over the 1x3x32x32 input; logits printed by PyTorch 1.13.1.
            float[] probe = new float[3 * 32 * 32];
            for (int i = 0; i < probe.length; i++) {
                probe[i] = (float) i / (probe.length - 1);
            }
            float[] expected = {2.125908f, -2.007779f, 3.951414f, 6.511418f, 3.456361f, 7.700295f, -3.180873f,
                    1.783216f, 1.528688f, 0.825784f};
            NDArray x = m.create(probe, new Shape(1, 3, 32, 32));
            float[] logits = model.forward(x).toFloatArray();
            for (int i = 0; i < 10; i++) {
                assertEquals(expected[i], logits[i], 1e-4, "logit " + i);
            }
            // The gradient the client shares covers every imported parameter.
            NDArray loss = ClassificationLoss.crossEntropy(model.forward(x), ClassificationLoss.oneHot(m, new int[] {3}, 10, x));
            List<NDArray> grads = oracle.grad(List.of(loss), model.trainableArrays(), false, m);
            assertEquals(8, grads.size());
            for (int i = 0; i < grads.size(); i++) {
                assertTrue(grads.get(i).abs().sum().getFloat() > 0, "gradient of " + model.trainableNames().get(i));
            }
        }
    }

    @Test
    void badImportsSayWhatIsWrong() {
        try (NDManager m = manager.newSubManager()) {
            GiaException missing = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec(dir.resolve("nope.pt").toString(), "default"), 10, 3, 32, m));
            assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
            GiaException classes = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec(file.toString(), "default"), 100, 3, 32, m));
            assertTrue(classes.getMessage().contains("expected (1, 100)"), classes.getMessage());
            GiaException act = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec(file.toString(), "relu"), 10, 3, 32, m));
            assertTrue(act.getMessage().contains("activation"), act.getMessage());
            GiaException size = assertThrows(GiaException.class,
                    () -> ModelFactory.build(spec(file.toString(), "default"), 10, 3, 64, m));
            assertTrue(size.getMessage().contains("1x3x64x64"), size.getMessage());
        }
    }

    /**
     * DLG (L-BFGS, 300 iterations) through the CLI/GUI pipeline on the imported net and the first bundled
     * CIFAR-10 image. Measured 46.4 dB; bar 30 dB (the bar of the built-in LeNet DLG test).
     */
    @Test
    void dlgRecoversABundledImageFromTheImportedModelsGradient() throws Exception {
        ObjectNode tree = SpecJson.presetTree("quickstart-dlg");
        for (String o : List.of("model.arch=torchscript", "model.activation=default", "model.weights=" + file,
                "model.numClasses=null")) {
            SpecJson.applyOverride(tree, o);
        }
        ExperimentSpec spec = SpecJson.bind(tree);
        try (ComputeService compute = new ComputeService()) {
            RecordingSink sink = new RecordingSink();
            RunResult r = compute.submit(spec, sink).outcome().get();
            assertInstanceOf(RunEvent.Finished.class, sink.last(), () -> "run ended with " + sink.last());
            assertEquals(RunStatus.FINISHED, r.status());
            assertEquals(15_826, r.info().parameterCount());
            assertTrue(r.scores().psnrMean() >= 30, "DLG on the imported model: PSNR " + r.scores().psnrMean());
        }
    }
}
