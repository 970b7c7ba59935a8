package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;

/** Shape checks shared by the metrics. */
final class Shapes {

    private Shapes() {
    }

    static String shape(ImageBatch b) {
        return b.count() + "x" + b.channels() + "x" + b.height() + "x" + b.width();
    }

    static void requireSame(ImageBatch truth, ImageBatch recon) {
        if (truth.count() != recon.count() || truth.channels() != recon.channels()
                || truth.height() != recon.height() || truth.width() != recon.width()) {
            throw new IllegalArgumentException("truth batch is " + shape(truth) + " (NCHW) but reconstruction is "
                    + shape(recon));
        }
    }

    static void requireImage(float[] a, float[] b, int channels, int height, int width) {
        long n = (long) channels * height * width;
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("images have " + a.length + " and " + b.length + " values, shape "
                    + channels + "x" + height + "x" + width + " needs " + n);
        }
    }

    static double clamp01(float v) {
        // NaN becomes 0 so that a diverged reconstruction scores badly instead of poisoning the mean.
        return v >= 1f ? 1.0 : v > 0f ? v : 0.0;
    }
}
