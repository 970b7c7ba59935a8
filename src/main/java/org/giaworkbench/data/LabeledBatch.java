package org.giaworkbench.data;

import org.giaworkbench.core.result.ImageBatch;

/**
 * A batch drawn from a dataset: the images ([0, 1], not normalised), their labels, and where each
 * came from. All three are in the same order.
 */
public record LabeledBatch(ImageBatch images, int[] labels, int[] datasetIndices) {

    public LabeledBatch {
        if (labels.length != images.count() || datasetIndices.length != images.count()) {
            throw new IllegalArgumentException("batch of " + images.count() + " images has " + labels.length
                    + " labels and " + datasetIndices.length + " indices");
        }
        labels = labels.clone();
        datasetIndices = datasetIndices.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] datasetIndices() {
        return datasetIndices.clone();
    }

    public int size() {
        return labels.length;
    }
}
