package org.giaworkbench.metric;

/** Deterministic float32 test images; the same formulas are in src/test/resources/metric/skimage_reference.py. */
final class TestImages {

    private TestImages() {
    }

    static int[] lcgBytes(long seed, int n) {
        int[] out = new int[n];
        long s = seed;
        for (int k = 0; k < n; k++) {
            s = (s * 1103515245L + 12345L) & 0x7FFFFFFFL;
            out[k] = (int) ((s >> 16) & 0xFF);
        }
        return out;
    }

    /** Values in [-0.5, 0.5]. */
    static float[] noise(long seed, int c, int h, int w) {
        int[] b = lcgBytes(seed, c * h * w);
        float[] out = new float[b.length];
        for (int k = 0; k < b.length; k++) {
            out[k] = (float) b[k] / 255f - 0.5f;
        }
        return out;
    }

    /** Values in [0, 1]. */
    static float[] uniform(long seed, int c, int h, int w) {
        int[] b = lcgBytes(seed, c * h * w);
        float[] out = new float[b.length];
        for (int k = 0; k < b.length; k++) {
            out[k] = (float) b[k] / 255f;
        }
        return out;
    }

    static float[] tri(int c, int h, int w) {
        float[] out = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float t = (float) Math.abs((3 * x + 5 * y + 11 * ch) % 64 - 32) / 32f;
                    out[(ch * h + y) * w + x] = 0.8f * t + 0.1f;
                }
            }
        }
        return out;
    }

    static float[] tri2(int c, int h, int w) {
        float[] out = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(ch * h + y) * w + x] = (float) Math.abs((2 * x + 7 * y + 3 * ch + 9) % 50 - 25) / 25f;
                }
            }
        }
        return out;
    }

    static float clip(float v) {
        return Math.min(1f, Math.max(0f, v));
    }

    static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
