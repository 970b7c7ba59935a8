package org.giaworkbench.compute.autograd;

import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.MatchResult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gradient of the gradient-matching objective with respect to the input, checked against central
 * finite differences in float64 (so that the difference quotient is accurate to ~1e-8).
 */
class SecondOrderGradientsTest {

    private static NDManager manager;
    private static SecondOrderGradients helper;

    @BeforeAll
    static void start() {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        helper = SecondOrderGradients.load(manager);
    }

    @AfterAll
    static void stop() {
        helper.close();
        manager.close();
    }

    @Test
    void lenetSquaredL2MatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(new ModelSpec("lenet-dlg", "default", "untrained", 1, "eval", null), 1, Distance.SQUARED_L2);
    }

    @Test
    void lenetCosineMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(new ModelSpec("lenet-dlg", "tanh", "untrained", 2, "eval", null), 2, Distance.COSINE);
    }

    /** Smooth activations only: with ReLU the parameter gradient jumps where a unit switches, so finite differences mean nothing. */
    @Test
    void resnetWithTrainModeBatchNormMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(new ModelSpec("resnet20", "tanh", "untrained", 3, "train", null), 2, Distance.COSINE);
    }

    @Test
    void resnetWithEvalModeBatchNormMatchesFiniteDifferences() {
        checkAgainstFiniteDifferences(new ModelSpec("resnet20", "gelu", "untrained", 4, "eval", null), 2, Distance.SQUARED_L2);
    }

    @Test
    void plainGradientOfAQuadraticIsExact() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new double[] {1, -2, 3});
            x.setRequiresGradient(true);
            NDArray y = x.mul(x).sum();
            List<NDArray> g = helper.grad(List.of(y), List.of(x), false, step);
            assertEquals(List.of(2.0, -4.0, 6.0), List.of(g.get(0).toDoubleArray()[0], g.get(0).toDoubleArray()[1],
                    g.get(0).toDoubleArray()[2]));
        }
    }

    private void checkAgainstFiniteDifferences(ModelSpec spec, int batch, Distance distance) {
        try (NDManager run = manager.newSubManager()) {
            GiaModel model = ModelFactory.build(spec, 10, 3, 32, run, DataType.FLOAT64);
            Random random = new Random(42);
            int n = batch * 3 * 32 * 32;
            double[] truth = new double[n];
            double[] guess = new double[n];
            double[] direction = new double[n];
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextGaussian();
                guess[i] = random.nextGaussian();
                direction[i] = random.nextGaussian();
            }
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = (3 + 4 * i) % 10;
            }
            Shape shape = new Shape(batch, 3, 32, 32);
            List<NDArray> targets;
            try (NDManager step = run.newSubManager()) {
                NDArray x = step.create(truth, shape);
                NDArray loss = ClassificationLoss.crossEntropy(model.forward(x),
                        ClassificationLoss.oneHot(step, labels, 10, x));
                targets = helper.grad(List.of(loss), model.trainableArrays(), false, run);
            }
            double[] analytic;
            try (NDManager step = run.newSubManager()) {
                MatchResult r = evaluate(model, step, guess, shape, labels, targets, distance);
                analytic = r.variableGradients().get(0).toDoubleArray();
            }
            double directional = 0;
            for (int i = 0; i < n; i++) {
                directional += analytic[i] * direction[i];
            }
            double eps = 1e-5;
            double plus = distanceAt(model, run, guess, direction, eps, shape, labels, targets, distance);
            double minus = distanceAt(model, run, guess, direction, -eps, shape, labels, targets, distance);
            double numeric = (plus - minus) / (2 * eps);
            assertTrue(Math.abs(directional) > 1e-6, "directional derivative should not vanish: " + directional);
            assertEquals(numeric, directional, 1e-5 * Math.abs(numeric) + 1e-9,
                    "analytic " + directional + " vs finite differences " + numeric);
        }
    }

    private double distanceAt(GiaModel model, NDManager run, double[] x0, double[] dir, double eps, Shape shape,
                              int[] labels, List<NDArray> targets, Distance distance) {
        double[] x = x0.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += eps * dir[i];
        }
        try (NDManager step = run.newSubManager()) {
            return evaluate(model, step, x, shape, labels, targets, distance).distance().getDouble();
        }
    }

    private MatchResult evaluate(GiaModel model, NDManager step, double[] values, Shape shape, int[] labels,
                                 List<NDArray> targets, Distance distance) {
        NDArray x = step.create(values, shape);
        x.setRequiresGradient(true);
        NDArray loss = ClassificationLoss.crossEntropy(model.forward(x), ClassificationLoss.oneHot(step, labels, 10, x));
        NDArray zero = step.zeros(new Shape(), DataType.FLOAT64);
        return helper.match(loss, model.trainableArrays(), targets, List.of(x), zero, distance, step);
    }
}
