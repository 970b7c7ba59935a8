package org.giaworkbench.plugin.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What a FedAvg client sent and how the server reads it.
 *
 * @param delta   the observed weight update {@code w_E - w_0}, in the order of {@code model.trainableArrays()}
 * @param assumed the local training the server simulates (the true one under strong simulation, its
 *                own guess under weak simulation); null when it does not simulate and reads the update
 *                as one FedSGD gradient ({@link ServerView#gradients()} then holds {@code -delta / lr})
 */
public record ClientUpdate(List<NDArray> delta, LocalTraining assumed) {

    public boolean simulated() {
        return assumed != null;
    }
}
