package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;

/**
 * The BatchNorm-statistics prior of DeepInversion / GradInversion (Yin et al. 2020, 2021): the features
 * entering each BatchNorm layer l should have the layer's running statistics,
 * <pre>
 *   R_BN(x) = sum_l ||mu_l(x) - running_mean_l||_2 + ||var_l(x) - running_var_l||_2
 * </pre>
 * with mu_l and var_l the per-channel mean and biased variance over batch, height and width (the L2
 * norms are not squared, as in the DeepInversion code). The running statistics are copied when the
 * prior is made: a train-mode forward moves the model's own statistics at every evaluation.
 */
public final class BatchNormPrior {

    private static final int[] ROWS = {1};

    private final List<NDArray> means;
    private final List<NDArray> variances;

    private BatchNormPrior(List<NDArray> means, List<NDArray> variances) {
        this.means = means;
        this.variances = variances;
    }

    /** Copies the running statistics of every BatchNorm layer of {@code model} into {@code keep}. */
    public static BatchNormPrior capture(GiaModel model, NDManager keep) {
        List<NDArray> means = new ArrayList<>();
        List<NDArray> variances = new ArrayList<>();
        try (NDManager probe = keep.newSubManager()) {
            NDArray x = probe.zeros(model.inputShape(), model.dataType());
            var buffers = model.saveBuffers();
            try {
                for (GiaModel.BatchNormInput in : model.forwardRecording(x).batchNormInputs()) {
                    means.add(copy(in.runningMean(), keep));
                    variances.add(copy(in.runningVar(), keep));
                }
            } finally {
                model.restoreBuffers(buffers);
            }
        }
        return new BatchNormPrior(means, variances);
    }

    private static NDArray copy(NDArray a, NDManager keep) {
        NDArray c = a.duplicate();
        c.attach(keep);
        return c;
    }

    /** Number of BatchNorm layers (0: the model has none and the prior is zero). */
    public int layers() {
        return means.size();
    }

    /** R_BN for the BatchNorm inputs of one forward, in {@code step}. */
    public NDArray of(List<GiaModel.BatchNormInput> inputs, NDManager step) {
        if (inputs.size() != means.size()) {
            throw new IllegalStateException(inputs.size() + " BatchNorm inputs for " + means.size() + " layers");
        }
        NDArray total = step.zeros(new ai.djl.ndarray.types.Shape());
        for (int l = 0; l < inputs.size(); l++) {
            NDArray in = inputs.get(l).input();
            // Channels first, everything else flattened: C x (N*H*W).
            NDArray f = in.transpose(1, 0, 2, 3).reshape(in.getShape().get(1), -1);
            NDArray mu = f.mean(ROWS);
            NDArray var = f.sub(mu.reshape(-1, 1)).square().mean(ROWS);
            total = total.add(norm(mu.sub(means.get(l)))).add(norm(var.sub(variances.get(l))));
        }
        return total;
    }

    /**
     * R_BN of each of {@code trials} copies stacked side by side (their channels one after the other in
     * every layer, see {@link org.giaworkbench.model.Replicas}; statistics captured from the stacked
     * model): a vector of K, each as {@link #of} gives for that copy alone.
     */
    public NDArray perTrial(List<GiaModel.BatchNormInput> inputs, int trials, NDManager step) {
        if (inputs.size() != means.size()) {
            throw new IllegalStateException(inputs.size() + " BatchNorm inputs for " + means.size() + " layers");
        }
        NDArray total = null;
        for (int l = 0; l < inputs.size(); l++) {
            NDArray in = inputs.get(l).input();
            NDArray f = in.transpose(1, 0, 2, 3).reshape(in.getShape().get(1), -1);
            NDArray mu = f.mean(ROWS);
            NDArray var = f.sub(mu.reshape(-1, 1)).square().mean(ROWS);
            NDArray term = rowNorms(mu.sub(means.get(l)).reshape(trials, -1))
                    .add(rowNorms(var.sub(variances.get(l)).reshape(trials, -1)));
            total = total == null ? term : total.add(term);
        }
        return total == null ? step.zeros(new ai.djl.ndarray.types.Shape(trials)) : total;
    }

    /** {@link #norm} of every row. */
    static NDArray rowNorms(NDArray rows) {
        return GraphScalars.add(rows.square().sum(ROWS), 1e-12).sqrt();
    }

    /** L2 norm with a tiny floor inside the root, so that its gradient stays finite at zero. */
    static NDArray norm(NDArray d) {
        return GraphScalars.add(d.square().sum(), 1e-12).sqrt();
    }
}
