package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.giaworkbench.nd.OwnedArrays;

/** The training loss of the federation: cross-entropy, mean over the batch (PyTorch's default). */
public final class ClassificationLoss {

    private ClassificationLoss() {
    }

    /** Cross-entropy with hard labels given as a one-hot matrix (batch x classes) of the logits' type. */
    public static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /** Cross-entropy against soft labels softmax(labelLogits), as DLG optimises unknown labels. */
    public static NDArray softCrossEntropy(NDArray logits, NDArray labelLogits) {
        return logits.logSoftmax(1).mul(labelLogits.softmax(1)).sum(new int[] {1}).mean().neg();
    }

    /** One-hot rows for {@code labels}, in {@code manager}, with the type and device of {@code like}. */
    public static NDArray oneHot(NDManager manager, int[] labels, int numClasses, NDArray like) {
        float[] v = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            v[i * numClasses + labels[i]] = 1f;
        }
        return OwnedArrays.of(manager, v, new Shape(labels.length, numClasses)).toType(like.getDataType(), false)
                .toDevice(like.getDevice(), false);
    }
}
