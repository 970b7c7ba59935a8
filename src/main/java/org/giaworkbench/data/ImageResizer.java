package org.giaworkbench.data;

/**
 * Resizes CHW float images the way torchvision's {@code Resize(s)} followed by {@code CenterCrop(s)}
 * does on a PIL image: the shorter side is scaled to {@code s} (the longer to
 * {@code floor(s * long / short)}), then the centre {@code s x s} square is kept, with the crop offset
 * {@code round_half_even((len - s) / 2)}.
 *
 * <p>Resampling is Pillow's antialiased bilinear filter: a triangle kernel whose support widens
 * with the shrink factor, so it interpolates when enlarging and averages over the covered area
 * when shrinking (no aliasing when a 500-pixel photo becomes 32 pixels). Values stay float; there is
 * no rounding to 8 bits as Pillow would do.
 */
public final class ImageResizer {

    private ImageResizer() {
    }

    /** Resize-shorter-side-then-centre-crop to {@code size x size}; returns a new array (also when nothing changes). */
    public static float[] resizeAndCenterCrop(float[] chw, int channels, int height, int width, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("target size must be >= 1, got " + size);
        }
        checkShape(chw, channels, height, width);
        int newH;
        int newW;
        if (height <= width) {
            newH = size;
            newW = (int) ((long) size * width / height);
        } else {
            newW = size;
            newH = (int) ((long) size * height / width);
        }
        int top = (int) Math.rint((newH - size) / 2.0);
        int left = (int) Math.rint((newW - size) / 2.0);
        // Only the kept rows and columns are computed: each output pixel depends on its own index alone.
        Filter rows = new Filter(height, newH, top, size);
        Filter cols = new Filter(width, newW, left, size);
        return apply(chw, channels, height, width, rows, cols);
    }

    /** Plain resize to {@code outH x outW} (aspect ratio not kept); returns a new array. */
    public static float[] resize(float[] chw, int channels, int height, int width, int outH, int outW) {
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("target size must be >= 1, got " + outH + "x" + outW);
        }
        checkShape(chw, channels, height, width);
        return apply(chw, channels, height, width, new Filter(height, outH, 0, outH), new Filter(width, outW, 0, outW));
    }

    private static void checkShape(float[] chw, int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1 || chw.length != (long) channels * height * width) {
            throw new IllegalArgumentException("image has " + chw.length + " values, shape says "
                    + channels + "x" + height + "x" + width);
        }
    }

    private static float[] apply(float[] chw, int channels, int height, int width, Filter rows, Filter cols) {
        int outH = rows.count;
        int outW = cols.count;
        float[] out = new float[channels * outH * outW];
        double[] tmp = new double[height * outW];
        for (int c = 0; c < channels; c++) {
            int inBase = c * height * width;
            for (int y = 0; y < height; y++) {
                int rowBase = inBase + y * width;
                for (int x = 0; x < outW; x++) {
                    double acc = 0;
                    int start = cols.start[x];
                    double[] w = cols.weights[x];
                    for (int k = 0; k < w.length; k++) {
                        acc += w[k] * chw[rowBase + start + k];
                    }
                    tmp[y * outW + x] = acc;
                }
            }
            int outBase = c * outH * outW;
            for (int y = 0; y < outH; y++) {
                int start = rows.start[y];
                double[] w = rows.weights[y];
                for (int x = 0; x < outW; x++) {
                    double acc = 0;
                    for (int k = 0; k < w.length; k++) {
                        acc += w[k] * tmp[(start + k) * outW + x];
                    }
                    // The kernel is non-negative and normalised, so this only trims rounding noise.
                    out[outBase + y * outW + x] = (float) Math.min(1.0, Math.max(0.0, acc));
                }
            }
        }
        return out;
    }

    /** Per output index along one axis: first input index and normalised weights. */
    private static final class Filter {
        final int count;
        final int[] start;
        final double[][] weights;

        Filter(int inSize, int scaledSize, int offset, int count) {
            this.count = count;
            this.start = new int[count];
            this.weights = new double[count][];
            double scale = (double) inSize / scaledSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // triangle kernel has radius 1, widened when shrinking
            for (int i = 0; i < count; i++) {
                double centre = (i + offset + 0.5) * scale;
                int lo = Math.max(0, (int) (centre - support + 0.5));
                int hi = Math.min(inSize, (int) (centre + support + 0.5));
                if (hi <= lo) {
                    hi = Math.min(inSize, lo + 1);
                }
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int j = lo; j < hi; j++) {
                    double t = Math.abs((j - centre + 0.5) / filterScale);
                    double v = t < 1 ? 1 - t : 0;
                    w[j - lo] = v;
                    sum += v;
                }
                if (sum <= 0) {
                    // Degenerate only for pathological sizes: fall back to nearest neighbour.
                    java.util.Arrays.fill(w, 0);
                    w[Math.min(w.length - 1, Math.max(0, (int) centre - lo))] = 1;
                    sum = 1;
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= sum;
                }
                start[i] = lo;
                weights[i] = w;
            }
        }
    }
}
