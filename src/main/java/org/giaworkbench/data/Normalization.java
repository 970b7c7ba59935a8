package org.giaworkbench.data;

import java.util.Arrays;

/**
 * Per-channel normalisation {@code (x - mean) / std}, the input convention of most trained models.
 * Methods return new arrays and never change their input.
 */
public record Normalization(float[] mean, float[] std) {

    public static final Normalization CIFAR10 =
            new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f});
    public static final Normalization IMAGENET =
            new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    /** Identity for any channel count (mean 0, std 1). */
    public static final Normalization NONE = new Normalization(new float[0], new float[0]);

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " channels, std has " + std.length);
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("std values must be positive and finite: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    public boolean isIdentity() {
        return mean.length == 0;
    }

    /** {@code (x - mean[c]) / std[c]} over an NCHW (or CHW) array. */
    public float[] normalize(float[] nchw, int channels, int h, int w) {
        float[] out = nchw.clone();
        if (isIdentity()) {
            return out;
        }
        int plane = check(nchw, channels, h, w);
        for (int start = 0, c = 0; start < out.length; start += plane, c = (c + 1) % channels) {
            float m = mean[c];
            float s = std[c];
            for (int k = start; k < start + plane; k++) {
                out[k] = (out[k] - m) / s;
            }
        }
        return out;
    }

    /** {@code x * std[c] + mean[c]}: back to [0, 1] pixel values. */
    public float[] denormalize(float[] nchw, int channels, int h, int w) {
        float[] out = nchw.clone();
        if (isIdentity()) {
            return out;
        }
        int plane = check(nchw, channels, h, w);
        for (int start = 0, c = 0; start < out.length; start += plane, c = (c + 1) % channels) {
            float m = mean[c];
            float s = std[c];
            for (int k = start; k < start + plane; k++) {
                out[k] = out[k] * s + m;
            }
        }
        return out;
    }

    private int check(float[] nchw, int channels, int h, int w) {
        if (channels != mean.length) {
            throw new IllegalArgumentException("normalisation has " + mean.length + " channels, images have " + channels);
        }
        int image = channels * h * w;
        if (h < 1 || w < 1 || nchw.length % image != 0) {
            throw new IllegalArgumentException(nchw.length + " values are not a whole number of "
                    + channels + "x" + h + "x" + w + " images");
        }
        return h * w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return isIdentity() ? "Normalization[none]"
                : "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
