package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;

/**
 * Relative data leakage value (Hatamizadeh et al., "Do gradient inversion attacks make federated learning
 * unsafe?", IEEE TMI 2023; the survey's reference [31]):
 * {@code RDLV = (SSIM(reconstruction, x) - SSIM(prior, x)) / SSIM(prior, x)}, with {@link Ssim} as defined
 * there. It says how much more the reconstruction reveals about x than an image the attacker had without
 * the gradient. Our prior is the dataset's mean image at the run's resolution (the mean of at most
 * {@link #PRIOR_IMAGES} images, see {@link #meanImage}), i.e. the best data-only guess of a pixel; 0 means no
 * more than the prior, 1 means twice the prior's SSIM; negative means worse than the prior. When
 * |SSIM(prior, x)| is below {@link #MIN_PRIOR_SSIM} the ratio is undefined and the value is NaN.
 */
public final class Rdlv {

    public static final String VARIANT = "rdlv (SSIM(recon,x)-SSIM(prior,x))/SSIM(prior,x), prior = dataset mean image "
            + "(first 256 images), SSIM as ssim";
    public static final int PRIOR_IMAGES = 256;
    public static final double MIN_PRIOR_SSIM = 1e-6;

    private Rdlv() {
    }

    /** RDLV from the two SSIM values. */
    public static double of(double ssimRecon, double ssimPrior) {
        if (!(Math.abs(ssimPrior) >= MIN_PRIOR_SSIM) || Double.isNaN(ssimRecon)) {
            return Double.NaN;
        }
        return (ssimRecon - ssimPrior) / ssimPrior;
    }

    /** Per truth image i: RDLV of recon i, against the one {@code prior} image (C x H x W, [0, 1]). */
    public static double[] perImage(ImageBatch truth, ImageBatch recon, float[] prior) {
        Shapes.requireSame(truth, recon);
        double[] out = new double[truth.count()];
        for (int i = 0; i < out.length; i++) {
            float[] x = truth.image(i);
            double sRecon = Ssim.image(x, recon.image(i), truth.channels(), truth.height(), truth.width());
            double sPrior = Ssim.image(x, prior, truth.channels(), truth.height(), truth.width());
            out[i] = of(sRecon, sPrior);
        }
        return out;
    }

    /** Pixel-wise mean of images (each C x H x W of equal size). */
    public static float[] meanImage(Iterable<float[]> images) {
        double[] sum = null;
        int n = 0;
        for (float[] img : images) {
            if (sum == null) {
                sum = new double[img.length];
            } else if (img.length != sum.length) {
                throw new IllegalArgumentException("images of different sizes");
            }
            for (int k = 0; k < img.length; k++) {
                sum[k] += img[k];
            }
            n++;
        }
        if (sum == null) {
            throw new IllegalArgumentException("no images");
        }
        float[] mean = new float[sum.length];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) (sum[k] / n);
        }
        return mean;
    }

    /** Mean of the finite values; NaN when none. */
    public static double mean(double[] values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
