package org.giaworkbench.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;

/**
 * A dataset split into a training part (the first images) and a held-out part (the last
 * {@code heldOut} fraction), read batch by batch as normalised host arrays. The bundled set's classes
 * take turns, so its last 200 images hold 20 of each class.
 */
final class TrainingData {

    /** A batch ready for the model: N x C x H x W normalised values and the labels. */
    record Batch(float[] inputs, int[] labels) {
        int size() {
            return labels.length;
        }
    }

    private final Dataset dataset;
    private final Normalization normalization;
    private final int trainSize;

    TrainingData(Dataset dataset, Normalization normalization, double heldOut) {
        this.dataset = dataset;
        this.normalization = normalization;
        int held = (int) Math.round(dataset.size() * heldOut);
        this.trainSize = dataset.size() - held;
        if (trainSize < 2) {
            throw GiaException.badInput(dataset.description() + " leaves " + trainSize + " images to train on",
                    "use a larger dataset or a smaller held-out fraction");
        }
    }

    int trainSize() {
        return trainSize;
    }

    int heldOutSize() {
        return dataset.size() - trainSize;
    }

    /** Training batches of one epoch, shuffled by {@code seed}; a last batch of one image is dropped. */
    List<int[]> epochOrder(int batchSize, long seed) {
        List<Integer> order = new ArrayList<>(trainSize);
        for (int i = 0; i < trainSize; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < trainSize; from += batchSize) {
            int to = Math.min(trainSize, from + batchSize);
            if (to - from < 2 && !batches.isEmpty()) {
                break; // BatchNorm in training mode needs more than one value per channel
            }
            batches.add(order.subList(from, to).stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }

    /** Held-out batches in order. */
    List<int[]> heldOutBatches(int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int from = trainSize; from < dataset.size(); from += batchSize) {
            int to = Math.min(dataset.size(), from + batchSize);
            int[] b = new int[to - from];
            for (int i = 0; i < b.length; i++) {
                b[i] = from + i;
            }
            batches.add(b);
        }
        return batches;
    }

    Batch load(int[] indices) {
        int c = dataset.channels();
        int h = dataset.height();
        int w = dataset.width();
        int per = c * h * w;
        float[] pixels = new float[indices.length * per];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(dataset.image(indices[i]), 0, pixels, i * per, per);
            labels[i] = dataset.label(indices[i]);
        }
        return new Batch(normalization.normalize(pixels, c, h, w), labels);
    }
}
