package org.giaworkbench.core.result;

import java.util.Arrays;

/**
 * A batch of images on the host: values in [0, 1] (not normalised), laid out NCHW in one array.
 * Immutable by convention: producers hand over a fresh array and nobody writes to it afterwards.
 */
public record ImageBatch(float[] pixels, int count, int channels, int height, int width) {

    public ImageBatch {
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image batch shape " + count + "x" + channels + "x" + height + "x" + width);
        }
        if (pixels.length != (long) count * channels * height * width) {
            throw new IllegalArgumentException("image batch holds " + pixels.length + " values, shape says "
                    + (long) count * channels * height * width);
        }
    }

    /** Number of values in one image (C*H*W). */
    public int imageSize() {
        return channels * height * width;
    }

    /** A copy of image {@code i}, CHW. */
    public float[] image(int i) {
        int n = imageSize();
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /** The batch reordered (or subset) by {@code order}: image k of the result is image order[k] of this one. */
    public ImageBatch select(int[] order) {
        int n = imageSize();
        float[] out = new float[order.length * n];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(pixels, order[k] * n, out, k * n, n);
        }
        return new ImageBatch(out, order.length, channels, height, width);
    }

    /** Stacks single CHW images of equal shape. */
    public static ImageBatch of(int channels, int height, int width, float[]... images) {
        int n = channels * height * width;
        float[] out = new float[images.length * n];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != n) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " values, expected " + n);
            }
            System.arraycopy(images[i], 0, out, i * n, n);
        }
        return new ImageBatch(out, images.length, channels, height, width);
    }
}
