package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;

/**
 * Pairs reconstructed images with ground-truth images when an attack recovers a batch in arbitrary
 * order: the pairing with the least total MSE (reconstruction clamped to [0, 1]), found exactly with
 * {@link Hungarian}.
 */
public final class BatchPairing {

    /** Stable name of this pairing, for result files. */
    public static final String VARIANT = "min-total-mse (Hungarian, recon clamped)";

    private BatchPairing() {
    }

    /** {@code order} such that recon image {@code order[i]} is paired with truth image {@code i}. */
    public static int[] byMse(ImageBatch truth, ImageBatch recon) {
        Shapes.requireSame(truth, recon);
        int n = truth.count();
        float[][] t = new float[n][];
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            t[i] = truth.image(i);
            r[i] = recon.image(i);
        }
        double[][] cost = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i][j] = Psnr.mse(t[i], r[j]);
            }
        }
        return Hungarian.solve(cost);
    }

    /** The identity order, for batches whose order is known. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
