package org.giaworkbench.fl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.LocalTraining;

/**
 * The honest practical-FedAvg client (McMahan et al. 2017): E local epochs of mini-batch SGD on its
 * images, then it sends the weight update {@code w_E - w_0} (see {@link LocalSgd} for the exact steps).
 */
public final class FedAvgClient {

    private FedAvgClient() {
    }

    /**
     * The update the client sends, detached, in {@code into}. The server's model is left as it was
     * (weights and BatchNorm statistics): the client trains its own copy.
     *
     * @param inputs normalised images as the model takes them (N x C x H x W)
     */
    public static List<NDArray> update(GiaModel model, NDArray inputs, int[] labels, LocalTraining training,
                                       GradientOracle oracle, NDManager into) {
        Map<String, float[]> buffers = model.saveBuffers();
        try (NDManager step = into.newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(step);
            NDArray oneHot = ClassificationLoss.oneHot(step, labels, model.numClasses(), x);
            List<NDArray> after = LocalSgd.unroll(model, x, oneHot, training, oracle, false, step);
            List<NDArray> out = new ArrayList<>();
            for (NDArray d : LocalSgd.difference(after, model.trainableArrays())) {
                NDArray detached = d.duplicate();
                detached.attach(into);
                out.add(detached);
            }
            return out;
        } finally {
            model.restoreBuffers(buffers);
        }
    }
}
