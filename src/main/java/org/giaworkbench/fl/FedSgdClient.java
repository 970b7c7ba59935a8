package org.giaworkbench.fl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * The honest FedSGD client: one forward and backward pass of the mean cross-entropy on its batch,
 * sharing the parameter gradients.
 */
public final class FedSgdClient {

    private FedSgdClient() {
    }

    /**
     * The gradient the client sends, detached, in {@code into}. The model's BatchNorm statistics are
     * left as they were: a train-mode pass changes only the client's copy, not the server's model.
     *
     * @param inputs normalised images as the model takes them (N x C x H x W)
     */
    public static List<NDArray> gradient(GiaModel model, NDArray inputs, int[] labels, GradientOracle oracle,
                                         NDManager into) {
        Map<String, float[]> buffers = model.saveBuffers();
        try (NDManager step = into.newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(step);
            NDArray oneHot = ClassificationLoss.oneHot(step, labels, model.numClasses(), x);
            NDArray loss = ClassificationLoss.crossEntropy(model.forward(x), oneHot);
            return oracle.grad(List.of(loss), model.trainableArrays(), false, into);
        } finally {
            model.restoreBuffers(buffers);
        }
    }
}
