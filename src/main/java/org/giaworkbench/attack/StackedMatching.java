package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * A gradient-matching objective (cosine or squared-L2 distance plus a {@link StackedPrior}; by default
 * Inverting Gradients' one minus cosine plus total variation) for K independent trials at once, on a model that holds K copies side by side
 * ({@link org.giaworkbench.model.Replicas}). Trial k has its own observed gradient, labels and guess;
 * its loss and gradient are what {@link MatchingObjective} gives for it alone, up to floating-point
 * reordering, because nothing in the graph mixes the copies.
 *
 * <p>The optimised vector holds the K guesses one after the other (each {@code B x C x H x W}); the
 * copies' inputs are their channels side by side. Every evaluation runs in its own sub-manager.
 */
public final class StackedMatching {

    private static final int[] LAST = {-1};

    private final GiaModel stacked;
    private final GradientOracle oracle;
    private final NDManager runManager;
    private final int trials;
    private final int batch;
    private final Shape imageShape;
    private final int numClasses;
    private final Distance distance;
    private final StackedPrior prior;
    /** Each parameter's observed gradients, one row per trial ({@code K x n}), and each trial's gradient norm. */
    private final List<NDArray> targetRows;
    private final NDArray targetNorms;
    private final NDArray oneHot;

    /**
     * @param stacked    the copies side by side, copy k for trial k
     * @param views      what the server sees in each trial (same batch size and image shape)
     * @param labels     each trial's labels (known or inferred)
     * @param runManager lives as long as this objective (holds the stacked targets)
     */
    public StackedMatching(GiaModel stacked, List<ServerView> views, List<int[]> labels, double tvWeight,
                           GradientOracle oracle, NDManager runManager) {
        this(stacked, views, labels, Distance.COSINE, StackedPrior.totalVariation(tvWeight), oracle, runManager);
    }

    /**
     * @param distance how each trial's gradient is compared with its observed one
     * @param prior    added to each trial's distance (null: none)
     */
    public StackedMatching(GiaModel stacked, List<ServerView> views, List<int[]> labels, Distance distance,
                           StackedPrior prior, GradientOracle oracle, NDManager runManager) {
        this.stacked = stacked;
        this.oracle = oracle;
        this.runManager = runManager;
        this.trials = views.size();
        if (stacked.replicas() != trials || labels.size() != trials) {
            throw new IllegalArgumentException(stacked.replicas() + " copies, " + trials + " views, " + labels.size() + " label sets");
        }
        ServerView first = views.get(0);
        this.batch = first.batchSize();
        this.imageShape = first.imageShape();
        this.numClasses = first.numClasses();
        this.distance = distance;
        this.prior = prior;
        for (ServerView v : views) {
            if (v.batchSize() != batch || !v.imageShape().equals(imageShape) || v.numClasses() != numClasses) {
                throw new IllegalArgumentException("trials differ in batch, image shape or classes");
            }
        }
        // Targets stacked as the parameters are: trial k's gradient is row k of each. Made once, in the
        // run's manager: anything derived from them inside an evaluation would land there too and pile up.
        this.targetRows = new java.util.ArrayList<>();
        NDArray squares = null;
        for (int p = 0; p < first.gradients().size(); p++) {
            NDList parts = new NDList();
            for (ServerView v : views) {
                parts.add(v.gradients().get(p).reshape(1, -1));
            }
            NDArray rows = NDArrays.concat(parts, 0);
            rows.attach(runManager);
            targetRows.add(rows);
            NDArray sq = rows.square().sum(LAST);
            squares = squares == null ? sq : squares.add(sq);
        }
        this.targetNorms = squares.sqrt();
        float[] hot = new float[batch * trials * numClasses];
        for (int k = 0; k < trials; k++) {
            int[] y = labels.get(k);
            for (int b = 0; b < batch; b++) {
                hot[(b * trials + k) * numClasses + y[b]] = 1f;
            }
        }
        this.oneHot = OwnedArrays.of(runManager, hot, new Shape(batch, trials, numClasses));
    }

    public int trials() {
        return trials;
    }

    /** Values of one trial's guess. */
    public int sizePerTrial() {
        return (int) (batch * imageShape.size());
    }

    /**
     * Losses of every trial at {@code vector} (K guesses one after the other); writes each trial's
     * gradient into the same place of {@code gradient}.
     */
    public double[] evaluate(float[] vector, float[] gradient) {
        long c = imageShape.get(0);
        long h = imageShape.get(1);
        long w = imageShape.get(2);
        try (NDManager step = runManager.newSubManager()) {
            NDArray x = OwnedArrays.of(step, vector, 0, new Shape((long) trials * batch, c, h, w));
            x.setRequiresGradient(true);
            NDArray input = x.reshape(trials, batch, c, h, w).transpose(1, 0, 2, 3, 4).reshape(batch, trials * c, h, w);
            boolean recording = prior != null && prior.needsBatchNormInputs();
            GiaModel.RecordedForward forward = recording ? stacked.forwardRecording(input) : null;
            NDArray logits = (forward != null ? forward.logits() : stacked.forward(input)).reshape(batch, trials, numClasses);
            // Mean cross-entropy over each trial's batch, summed over trials: trial k's gradient is its own.
            NDArray ce = logits.logSoftmax(2).mul(oneHot).sum(new int[] {2}).mean(new int[] {0}).neg().sum();
            List<NDArray> params = stacked.trainableArrays();
            List<NDArray> grads = oracle.grad(List.of(ce), params, true, step);
            NDArray total = distances(grads);
            if (prior != null) {
                total = total.add(prior.of(x, trials, forward != null ? forward.batchNormInputs() : List.of(), step));
            }
            NDArray dxs = oracle.grad(List.of(total.sum()), List.of(x), false, step).get(0);
            float[] d = dxs.toFloatArray();
            System.arraycopy(d, 0, gradient, 0, d.length);
            float[] losses = total.toFloatArray();
            double[] out = new double[trials];
            for (int k = 0; k < trials; k++) {
                out[k] = losses[k];
            }
            return out;
        }
    }

    /** Each trial's distance between its parameter gradient (rows of {@code grads}) and its target. */
    private NDArray distances(List<NDArray> grads) {
        NDArray dot = null;
        NDArray gg = null;
        for (int p = 0; p < grads.size(); p++) {
            // The step's array first: DJL puts a result in its first operand's manager.
            NDArray g = grads.get(p).reshape(trials, -1);
            if (distance == Distance.SQUARED_L2) {
                dot = accumulate(dot, g.sub(targetRows.get(p)).square().sum(LAST));
            } else {
                dot = accumulate(dot, g.mul(targetRows.get(p)).sum(LAST));
                gg = accumulate(gg, g.square().sum(LAST));
            }
        }
        return distance == Distance.SQUARED_L2 ? dot : GraphScalars.add(dot.div(gg.sqrt().mul(targetNorms)).neg(), 1.0);
    }

    private static NDArray accumulate(NDArray sum, NDArray term) {
        return sum == null ? term : sum.add(term);
    }
}
