package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.giaworkbench.compute.autograd.SecondOrderGradients;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.CifarBinaryDataset;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.MatchResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same gradient-matching evaluation, repeated in one process, gives the same bits every time.
 *
 * <p>This is what failed on an AMD Zen 5 CPU while libtorch ran its convolutions on oneDNN: the DLG
 * evaluation below gave NaN, or other values, in a few of every thousand repeats (see
 * {@code nd.CpuKernels}). Run with {@code -Dgia.onednn=on} to see it fail on such a machine.
 */
class RepeatabilityTest {

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

    @Test
    void dlgEvaluationOnTheLeNetIsBitIdenticalOverAThousandRepeats() {
        assertRepeatable(new ModelSpec("lenet-dlg", "sigmoid", "untrained", 0, "eval", null), 100, 1000, 3.0);
    }

    @Test
    void matchingEvaluationOnResNet20IsBitIdenticalOverRepeats() {
        assertRepeatable(new ModelSpec("resnet20", "default", "untrained", 0, "eval", null), 10, 40, 1.0);
    }

    private static void assertRepeatable(ModelSpec spec, int classes, int repeats, double guessScale) {
        CifarBinaryDataset data = BundledDataset.cifar10();
        try (NDManager m = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(spec, classes, 3, 32, m);
            Shape shape = new Shape(1, 3, 32, 32);
            List<NDArray> observed = FedSgdClient.gradient(model, OwnedArrays.of(m, data.image(0), shape),
                    new int[] {data.label(0) % classes}, oracle, m);
            // Images and soft labels as DLG optimises them, far from the truth (large values, as mid-run).
            Random random = new Random(7);
            float[] guess = new float[3 * 32 * 32];
            for (int i = 0; i < guess.length; i++) {
                guess[i] = (float) (random.nextGaussian() * guessScale);
            }
            float[] labelLogits = new float[classes];
            for (int i = 0; i < classes; i++) {
                labelLogits[i] = (float) random.nextGaussian();
            }
            float[] firstImageGradient = null;
            float firstTotal = Float.NaN;
            for (int r = 0; r < repeats; r++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = OwnedArrays.of(step, guess, shape);
                    x.setRequiresGradient(true);
                    NDArray y = OwnedArrays.of(step, labelLogits, new Shape(1, classes));
                    y.setRequiresGradient(true);
                    NDArray loss = ClassificationLoss.softCrossEntropy(model.forward(x), y);
                    MatchResult result = oracle.match(loss, model.trainableArrays(), observed, List.of(x, y),
                            step.zeros(new Shape()), Distance.SQUARED_L2, step);
                    float total = result.total().getFloat();
                    float[] dx = result.variableGradients().get(0).toFloatArray();
                    if (r == 0) {
                        assertTrue(Float.isFinite(total) && total > 0, "first evaluation: " + total);
                        firstTotal = total;
                        firstImageGradient = dx;
                    } else {
                        assertEquals(Float.floatToRawIntBits(firstTotal), Float.floatToRawIntBits(total),
                                "repeat " + r + ": total " + total + ", first " + firstTotal);
                        assertArrayEquals(firstImageGradient, dx, "repeat " + r + ": image gradient differs");
                    }
                }
            }
        }
    }
}
