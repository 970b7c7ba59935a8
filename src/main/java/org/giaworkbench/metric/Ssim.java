package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, IEEE TIP 2004) with the paper's
 * settings: an 11x11 Gaussian window with sigma 1.5, normalised to sum 1; K1 = 0.01, K2 = 0.03;
 * data range 1; population (biased) variances and covariance. Filtering is 'valid' (no padding),
 * so the SSIM map of an H x W channel is (H-10) x (W-10); the image value is the mean of the map,
 * averaged over channels. This equals scikit-image's
 * {@code structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 * data_range=1.0, channel_axis=0)}, whose padded borders are cropped away before the mean.
 * The reconstruction is clamped to [0, 1] first, as for {@link Psnr}. Images must be at least 11x11.
 */
public final class Ssim {

    /** Stable name of this variant, for result files. */
    public static final String VARIANT = "ssim-gaussian11-s1.5 (Wang 2004, valid, channel mean, recon clamped)";
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] KERNEL = gaussian(WINDOW, SIGMA);

    private Ssim() {
    }

    private static double[] gaussian(int size, double sigma) {
        double[] k = new double[size];
        int r = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = i - r;
            k[i] = Math.exp(-x * x / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** SSIM of one CHW image pair. */
    public static double image(float[] truth, float[] recon, int channels, int height, int width) {
        Shapes.requireImage(truth, recon, channels, height, width);
        if (height < WINDOW || width < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got "
                    + height + "x" + width);
        }
        int plane = height * width;
        int outH = height - WINDOW + 1;
        int outW = width - WINDOW + 1;
        double[] x = new double[plane];
        double[] y = new double[plane];
        // Five products filtered in one pass: x, y, x^2, y^2, xy, interleaved for locality.
        double[] rows = new double[5 * height * outW];
        double total = 0;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int k = 0; k < plane; k++) {
                x[k] = truth[base + k];
                y[k] = Shapes.clamp01(recon[base + k]);
            }
            for (int r = 0; r < height; r++) {
                int in = r * width;
                for (int col = 0; col < outW; col++) {
                    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                    for (int t = 0; t < WINDOW; t++) {
                        double w = KERNEL[t];
                        double a = x[in + col + t];
                        double b = y[in + col + t];
                        double wa = w * a;
                        double wb = w * b;
                        sx += wa;
                        sy += wb;
                        sxx += wa * a;
                        syy += wb * b;
                        sxy += wa * b;
                    }
                    int o = 5 * (r * outW + col);
                    rows[o] = sx;
                    rows[o + 1] = sy;
                    rows[o + 2] = sxx;
                    rows[o + 3] = syy;
                    rows[o + 4] = sxy;
                }
            }
            double sum = 0;
            for (int r = 0; r < outH; r++) {
                for (int col = 0; col < outW; col++) {
                    double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                    for (int t = 0; t < WINDOW; t++) {
                        double w = KERNEL[t];
                        int o = 5 * ((r + t) * outW + col);
                        mx += w * rows[o];
                        my += w * rows[o + 1];
                        mxx += w * rows[o + 2];
                        myy += w * rows[o + 3];
                        mxy += w * rows[o + 4];
                    }
                    double vx = mxx - mx * mx;
                    double vy = myy - my * my;
                    double cov = mxy - mx * my;
                    sum += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                }
            }
            total += sum / ((double) outH * outW);
        }
        return total / channels;
    }

    /** Per-image SSIM, image i of {@code recon} against image i of {@code truth}. */
    public static double[] perImage(ImageBatch truth, ImageBatch recon) {
        Shapes.requireSame(truth, recon);
        double[] out = new double[truth.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = image(truth.image(i), recon.image(i), truth.channels(), truth.height(), truth.width());
        }
        return out;
    }

    /** Mean of the per-image values; NaN for an empty batch. */
    public static double batch(ImageBatch truth, ImageBatch recon) {
        return mean(perImage(truth, recon));
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
