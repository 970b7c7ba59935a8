package org.giaworkbench.ui.fx;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.giaworkbench.core.result.ImageBatch;

/**
 * Turns host images ([0, 1] NCHW floats) into JavaFX images. Scaling repeats pixels (nearest
 * neighbour) so that 32x32 reconstructions stay crisp whatever the render pipeline does.
 */
public final class Images {

    private Images() {
    }

    /** Image {@code index} of {@code batch}, each pixel drawn as a {@code scale x scale} block. */
    public static WritableImage of(ImageBatch batch, int index, int scale) {
        int h = batch.height();
        int w = batch.width();
        int[] argb = new int[h * w];
        float[] px = batch.pixels();
        int base = index * batch.imageSize();
        int plane = h * w;
        for (int p = 0; p < plane; p++) {
            int r = byteOf(px[base + p]);
            int g = batch.channels() > 1 ? byteOf(px[base + plane + p]) : r;
            int b = batch.channels() > 2 ? byteOf(px[base + 2 * plane + p]) : r;
            argb[p] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        return scaled(argb, w, h, scale);
    }

    /**
     * The per-pixel absolute difference of two images (mean over channels), as a heat map from dark
     * blue (equal) through red to yellow (a difference of 0.5 or more).
     */
    public static WritableImage difference(ImageBatch a, int ia, ImageBatch b, int ib, int scale) {
        int h = a.height();
        int w = a.width();
        int plane = h * w;
        int[] argb = new int[plane];
        for (int p = 0; p < plane; p++) {
            double d = 0;
            for (int c = 0; c < a.channels(); c++) {
                d += Math.abs(clamp(a.pixels()[ia * a.imageSize() + c * plane + p])
                        - clamp(b.pixels()[ib * b.imageSize() + c * plane + p]));
            }
            argb[p] = heat(Math.min(1.0, 2.0 * d / a.channels()));
        }
        return scaled(argb, w, h, scale);
    }

    /** A three-stop colour map on t in [0, 1]: navy, red, yellow. */
    static int heat(double t) {
        double r;
        double g;
        double b;
        if (t < 0.5) {
            double u = t / 0.5;
            r = 0.05 + 0.85 * u;
            g = 0.05 + 0.05 * u;
            b = 0.35 * (1 - u);
        } else {
            double u = (t - 0.5) / 0.5;
            r = 0.9 + 0.1 * u;
            g = 0.1 + 0.8 * u;
            b = 0.1 * u;
        }
        return 0xff000000 | ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
    }

    private static WritableImage scaled(int[] argb, int w, int h, int scale) {
        int s = Math.max(1, scale);
        int[] out = new int[w * s * h * s];
        for (int y = 0; y < h * s; y++) {
            for (int x = 0; x < w * s; x++) {
                out[y * w * s + x] = argb[(y / s) * w + x / s];
            }
        }
        WritableImage img = new WritableImage(w * s, h * s);
        img.getPixelWriter().setPixels(0, 0, w * s, h * s, PixelFormat.getIntArgbInstance(), out, 0, w * s);
        return img;
    }

    private static float clamp(float v) {
        return Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
    }

    private static int byteOf(float v) {
        return Math.round(clamp(v) * 255f);
    }
}
