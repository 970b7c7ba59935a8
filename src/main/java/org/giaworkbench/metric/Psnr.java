package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;

/**
 * Peak signal-to-noise ratio in dB with data range 1: {@code 10 log10(1 / MSE)} per image, the
 * reconstruction clamped to [0, 1] first (NaN counts as 0). The MSE is over all C*H*W values.
 *
 * <p>An exact match has MSE 0 and PSNR {@code +Infinity} per image. The batch value is the mean of
 * per-image PSNRs in which any value above {@link #CAP_DB}, infinity included, counts as {@code CAP_DB}:
 * the mean stays finite (JSON-safe) and one perfect image cannot hide the others; a batch of exact
 * matches scores exactly {@code CAP_DB}. The per-image array keeps the infinity.
 */
public final class Psnr {

    /** Stable name of this variant, for result files. */
    public static final String VARIANT = "psnr-db (range 1, recon clamped, mean of per-image capped at 100)";
    /** What an exact match counts as in the batch mean: MSE 1e-10, far below 8-bit quantisation noise. */
    public static final double CAP_DB = 100.0;

    private Psnr() {
    }

    /** Mean squared error between a truth image and a reconstruction clamped to [0, 1]. */
    public static double mse(float[] truth, float[] recon) {
        if (truth.length != recon.length || truth.length == 0) {
            throw new IllegalArgumentException("images have " + truth.length + " and " + recon.length + " values");
        }
        double sum = 0;
        for (int k = 0; k < truth.length; k++) {
            double d = truth[k] - Shapes.clamp01(recon[k]);
            sum += d * d;
        }
        return sum / truth.length;
    }

    /** PSNR of one image pair; {@code +Infinity} for an exact match. */
    public static double image(float[] truth, float[] recon) {
        double mse = mse(truth, recon);
        return mse == 0 ? Double.POSITIVE_INFINITY : -10.0 * Math.log10(mse);
    }

    /** Per-image PSNR, image i of {@code recon} against image i of {@code truth}. */
    public static double[] perImage(ImageBatch truth, ImageBatch recon) {
        Shapes.requireSame(truth, recon);
        double[] out = new double[truth.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = image(truth.image(i), recon.image(i));
        }
        return out;
    }

    /** Mean PSNR of the batch, see the class comment for infinite values. */
    public static double batch(ImageBatch truth, ImageBatch recon) {
        return mean(perImage(truth, recon));
    }

    /** Mean of per-image PSNRs, each capped at {@link #CAP_DB} ({@code +Infinity} included); NaN for no images. */
    public static double mean(double[] perImage) {
        if (perImage.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : perImage) {
            sum += Math.min(v, CAP_DB);
        }
        return sum / perImage.length;
    }
}
