package org.giaworkbench.plugin.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.giaworkbench.model.GiaModel;

/**
 * Everything the attacking server sees, and nothing more: the model it sent, the gradient the client
 * returned, public metadata, and the labels only when the threat model grants them. Ground-truth
 * images never reach an attack: no field, no method leads to them.
 *
 * @param gradients    observed parameter gradients, in the order of {@code model.trainableArrays()}
 * @param imageShape   one image as the model takes it: channels x height x width
 * @param knownLabels  the client's labels if granted, else null
 * @param box          valid input range (for boxing and for de-normalising for display)
 * @param update       under FedAvg, the client's weight update and the local training the server
 *                     simulates; null under FedSGD. Under FedAvg {@code gradients} holds the update read
 *                     as a gradient, {@code -delta / lr} (what an attack that ignores FedAvg matches, and
 *                     what label inference reads)
 */
public record ServerView(GiaModel model, List<NDArray> gradients, int batchSize, Shape imageShape, int numClasses,
                         int[] knownLabels, InputBox box, ClientUpdate update) {

    /** A FedSGD view: the observation is the gradient of one batch. */
    public ServerView(GiaModel model, List<NDArray> gradients, int batchSize, Shape imageShape, int numClasses,
                      int[] knownLabels, InputBox box) {
        this(model, gradients, batchSize, imageShape, numClasses, knownLabels, box, null);
    }

    /** Whether attacks should match a simulated FedAvg update rather than a gradient. */
    public boolean simulatesLocalTraining() {
        return update != null && update.simulated();
    }

    public boolean labelsKnown() {
        return knownLabels != null;
    }

    /** Number of values of the batch's images (N*C*H*W). */
    public int imageValues() {
        return batchSize * (int) imageShape.size();
    }

    /** The batch's input shape, N x C x H x W. */
    public Shape batchShape() {
        return new Shape(batchSize, imageShape.get(0), imageShape.get(1), imageShape.get(2));
    }
}
