package org.giaworkbench.attack.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.testing.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks judged by what they recover from real bundled CIFAR-10 images with fixed seeds, through
 * the same pipeline the CLI and GUI use.
 */
class OptimizationAttacksRecoveryTest {

    private static ComputeService compute;

    @BeforeAll
    static void start() {
        compute = new ComputeService();
    }

    @AfterAll
    static void stop() {
        compute.close();
    }

    static RunResult run(String preset, String... overrides) throws Exception {
        ObjectNode tree = SpecJson.presetTree(preset);
        for (String o : overrides) {
            SpecJson.applyOverride(tree, o);
        }
        ExperimentSpec spec = SpecJson.bind(tree);
        RecordingSink sink = new RecordingSink();
        RunResult result = compute.submit(spec, sink).outcome().get();
        assertInstanceOf(RunEvent.Finished.class, sink.last(), () -> "run ended with " + sink.last());
        return result;
    }

    /** The bar: DLG on LeNet-Sigmoid reaches 30 dB within 300 L-BFGS steps (measured: 49.6 dB). */
    @Test
    void dlgRecoversARealImageOnLeNetSigmoid() throws Exception {
        RunResult r = run("quickstart-dlg");
        assertEquals(RunStatus.FINISHED, r.status());
        assertTrue(r.iterations() <= 300);
        assertTrue(r.scores().psnrMean() >= 30, "DLG PSNR " + r.scores().psnrMean());
        assertTrue(r.scores().ssimMean() >= 0.95, "DLG SSIM " + r.scores().ssimMean());
        assertEquals(1.0, r.labelAccuracy(), "DLG's soft label should end on the true class");
    }

    /** iDLG reads the label off the last layer: checked on one image of each of the 10 classes. */
    @Test
    void idlgRecoversTheTrueLabelOfTenImages() throws Exception {
        int correct = 0;
        StringBuilder log = new StringBuilder();
        for (int index = 0; index < 10; index++) {
            RunResult r = run("quickstart-idlg", "data.index=" + index, "attack.iterations=1");
            log.append(Arrays.toString(r.trueLabels())).append("->").append(Arrays.toString(r.recoveredLabels())).append(' ');
            if (Arrays.equals(r.trueLabels(), r.recoveredLabels())) {
                correct++;
            }
        }
        assertEquals(10, correct, log.toString());
    }

    /**
     * Inverting Gradients on an untrained ResNet-20 (PyTorch's init, as its original code draws it), batch
     * 1, the bundled cat/0000, 400 iterations: measured 14.3 dB (14.1 dB with ATen's default kernels)
     * against 10.4 dB after one step from the random start. The bars (start + 2.5 dB, at least 12 dB) leave
     * 1.2 dB and 2.1 dB of margin; the path differs between kernel sets after a few steps, so the end
     * differs too. SSIM is not asserted: at this budget it stays near zero (0.02-0.07 across kernel sets,
     * 0.036 at the start). (With the workbench's own init, image 0 reached 14.2 dB; with PyTorch's, image 0
     * reaches only 10.7 dB: the field's untrained ResNet-20 is the harder target.)
     */
    @Test
    void invertingGradientsImprovesClearlyOnTheRandomStart() throws Exception {
        RunResult start = run("quickstart-ig", "attack.iterations=1");
        RunResult r = run("quickstart-ig");
        assertEquals(400, r.iterations());
        assertTrue(r.scores().psnrMean() >= start.scores().psnrMean() + 2.5,
                "IG " + r.scores().psnrMean() + " dB vs random start " + start.scores().psnrMean() + " dB");
        assertTrue(r.scores().psnrMean() >= 12, "IG PSNR " + r.scores().psnrMean());
    }
}
