package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * Labels read off the observed gradient of the last layer (Zhao et al., iDLG, 2020). With softmax and
 * cross-entropy, the weight gradient of class c is (p_c - y_c) times the non-negative features (after
 * ReLU or Sigmoid), so only the true class's row sums to a negative value.
 */
public final class LabelInference {

    private LabelInference() {
    }

    /**
     * The labels of the batch. For one image this is iDLG's rule: the class whose row sum is the most
     * negative. For larger batches (an extension iDLG does not cover): every class with a negative row
     * sum once, most negative first, then the most negative classes again until the batch is full.
     */
    public static int[] fromLastLayer(ServerView view) {
        double[] rowSums = lastLayerRowSums(view);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < rowSums.length; c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingDouble(c -> rowSums[c]));
        int[] labels = new int[view.batchSize()];
        int negatives = (int) order.stream().filter(c -> rowSums[c] < 0).count();
        for (int i = 0; i < labels.length; i++) {
            int pick = negatives > 0 && i >= negatives ? (i - negatives) % negatives : i % Math.max(1, negatives);
            labels[i] = order.get(negatives == 0 ? 0 : pick);
        }
        return labels;
    }

    /**
     * GradInversion's label restoration (Yin et al. 2021, section 3.2) for a batch of distinct labels:
     * for each class the minimum over features of its row of the last layer's weight gradient, and the
     * batch-size classes with the lowest minima, lowest first. (A class in the batch has (p_c - 1) < 0
     * times non-negative features in its row, so a strongly negative entry.) With more images than
     * classes the order repeats.
     */
    public static int[] fromRowMinima(ServerView view) {
        double[] minima = lastLayerRows(view, true);
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < minima.length; c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingDouble(c -> minima[c]));
        int[] labels = new int[view.batchSize()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = order.get(i % order.size());
        }
        return labels;
    }

    /** Row sums of the last layer's weight gradient (classes x features). */
    static double[] lastLayerRowSums(ServerView view) {
        return lastLayerRows(view, false);
    }

    /** Per class, the sum (or the minimum) of its row of the last layer's weight gradient. */
    private static double[] lastLayerRows(ServerView view, boolean minimum) {
        NDArray weightGrad = null;
        for (NDArray g : view.gradients()) {
            if (g.getShape().dimension() == 2 && g.getShape().get(0) == view.numClasses()) {
                weightGrad = g;
            }
        }
        if (weightGrad == null) {
            throw new IllegalStateException("the model has no final linear layer with " + view.numClasses() + " outputs");
        }
        float[] w = weightGrad.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int features = (int) weightGrad.getShape().get(1);
        double[] sums = new double[view.numClasses()];
        for (int c = 0; c < sums.length; c++) {
            double s = minimum ? Double.POSITIVE_INFINITY : 0;
            for (int k = 0; k < features; k++) {
                s = minimum ? Math.min(s, w[c * features + k]) : s + w[c * features + k];
            }
            sums[c] = s;
        }
        return sums;
    }
}
