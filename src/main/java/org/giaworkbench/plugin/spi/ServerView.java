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
 */
public record ServerView(GiaModel model, List<NDArray> gradients, int batchSize, Shape imageShape, int numClasses,
                         int[] knownLabels, InputBox box) {

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
