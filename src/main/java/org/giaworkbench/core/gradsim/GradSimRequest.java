package org.giaworkbench.core.gradsim;

import java.util.List;

/**
 * A gradient similarity study on the bundled CIFAR-10 images.
 *
 * @param arch          model id (e.g. {@code resnet20})
 * @param activation    {@code default} or an activation id
 * @param weights       one entry per model state to compare, e.g. {@code untrained}, {@code bundled}, a {@code .npz}
 * @param ks            numbers of same-label images to report, each in 1..N; N = the largest is the batch size
 * @param label         the class of the anchor image and of the same-label images
 * @param seed          chooses the images within each class and seeds untrained weights
 * @param normalization {@code cifar10}, {@code imagenet} or {@code none}
 * @param device        {@code auto}, {@code cpu} or {@code cuda}
 */
public record GradSimRequest(String arch, String activation, List<String> weights, List<Integer> ks, int label, long seed,
                             String normalization, String device) {

    public GradSimRequest {
        weights = List.copyOf(weights);
        ks = List.copyOf(ks);
    }

    /** Batch size N: the largest k. */
    public int batch() {
        return ks.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}
