package org.giaworkbench.metric;

import java.util.Arrays;

/**
 * Jaccard similarity as ROG (Yue et al., "Gradient obfuscation gives a false sense of security in
 * federated learning", USENIX Security 2023; the survey's reference [100]) uses it: the semantic labels of
 * the original and of the reconstruction are two sets A and B, and {@code J = |A ∩ B| / |A ∪ B|}
 * (1 = same labels, 0 = none shared). Which labels an image gets is decided elsewhere (see
 * {@code perceptual.ImageNetLabels}: the top-5 ImageNet classes of a SqueezeNet 1.1); repeated labels
 * count once. Two empty sets give 1 (nothing to disagree on).
 */
public final class Jaccard {

    /** Stable name of this variant, for result files. */
    public static final String VARIANT = "jaccard |A∩B|/|A∪B| of top-5 ImageNet labels (bundled SqueezeNet 1.1 at 224x224; "
            + "ROG used TResNet-M tags)";

    private Jaccard() {
    }

    /** Jaccard similarity of two label sets given as arrays (duplicates ignored). */
    public static double of(int[] a, int[] b) {
        int[] x = Arrays.stream(a).distinct().sorted().toArray();
        int[] y = Arrays.stream(b).distinct().sorted().toArray();
        if (x.length == 0 && y.length == 0) {
            return 1.0;
        }
        int i = 0, j = 0, common = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (x.length + y.length - common);
    }

    /** Per image: Jaccard of {@code truth[i]} and {@code recon[i]}. */
    public static double[] perImage(int[][] truth, int[][] recon) {
        if (truth.length != recon.length) {
            throw new IllegalArgumentException("label sets for " + truth.length + " and " + recon.length + " images");
        }
        double[] out = new double[truth.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(truth[i], recon[i]);
        }
        return out;
    }
}
