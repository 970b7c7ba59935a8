package org.giaworkbench.fl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.LocalTraining;

/**
 * FedAvg's local training as a sequence of SGD steps, {@code w_{k+1} = w_k - lr * grad L(w_k; x_b, y_b)},
 * over {@link LocalTraining#miniBatches mini-batches} of the images in order. The same loop serves the
 * honest client (detached, {@code createGraph=false}) and the server's simulation (with
 * {@code createGraph=true} the final weights are differentiable with respect to the images and labels:
 * each step's gradient keeps its graph, so E * ceil(n/B) steps are unrolled). The model is evaluated at
 * the current weights through {@link GiaModel#forwardWith}; its own parameters are never written.
 */
public final class LocalSgd {

    private LocalSgd() {
    }

    /**
     * The weights after the local training, in {@code step} (which must stay open while they are used).
     *
     * @param images       N x C x H x W model inputs
     * @param labelTargets N x classes label distributions (one-hot rows for hard labels)
     */
    public static List<NDArray> unroll(GiaModel model, NDArray images, NDArray labelTargets, LocalTraining training,
                                       GradientOracle oracle, boolean createGraph, NDManager step) {
        int n = (int) images.getShape().get(0);
        List<NDArray> w = model.trainableArrays();
        float minusLr = (float) -training.lr();
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            for (int[] b : training.miniBatches(n)) {
                boolean whole = b[0] == 0 && b[1] == n;
                NDIndex rows = new NDIndex(b[0] + ":" + b[1]);
                NDArray xb = whole ? images : slice(images, rows, step);
                NDArray yb = whole ? labelTargets : slice(labelTargets, rows, step);
                NDArray loss = ClassificationLoss.crossEntropy(model.forwardWith(xb, w), yb);
                List<NDArray> g = oracle.grad(List.of(loss), w, createGraph, step);
                List<NDArray> next = new ArrayList<>(w.size());
                for (int i = 0; i < w.size(); i++) {
                    // The gradient first: the result joins its manager (the step), not the model's.
                    NDArray updated = GraphScalars.mul(g.get(i), minusLr).add(w.get(i));
                    if (!createGraph) {
                        // The honest client needs no history: fresh leaves keep each step's graph small.
                        updated = updated.duplicate();
                        updated.setRequiresGradient(true);
                    }
                    next.add(updated);
                }
                w = next;
            }
        }
        return w;
    }

    /** A slice joins its source's manager (possibly the run's); move it into the step. */
    private static NDArray slice(NDArray source, NDIndex rows, NDManager step) {
        NDArray part = source.get(rows);
        part.attach(step);
        return part;
    }

    /** {@code after - before}, per parameter, in the manager of {@code after}. */
    public static List<NDArray> difference(List<NDArray> after, List<NDArray> before) {
        List<NDArray> out = new ArrayList<>(after.size());
        for (int i = 0; i < after.size(); i++) {
            out.add(after.get(i).sub(before.get(i)));
        }
        return out;
    }
}
