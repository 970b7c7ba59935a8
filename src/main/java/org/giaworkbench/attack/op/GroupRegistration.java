package org.giaworkbench.attack.op;

/**
 * GradInversion's group consistency with registration, in a simple form: candidates from different seeds
 * may converge to the same image shifted by a few pixels, and a plain mean would blur them. Each image
 * of each candidate is aligned to the plain mean by the integer translation within +/-{@code radius}
 * pixels that minimises the squared difference (edges repeated), the aligned images are averaged, and
 * each candidate's target is that registered mean moved back into its own frame. (The paper registers
 * with RANSAC-flow, which also handles non-rigid motion; translations are what changes most between
 * seeds on small images.)
 */
final class GroupRegistration {

    private final int channels;
    private final int height;
    private final int width;
    private final int radius;
    private float[] registeredMean;

    GroupRegistration(int channels, int height, int width, int radius) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.radius = radius;
    }

    /** Registers {@code candidates} (each a batch of images); returns each candidate's target. */
    float[][] targets(float[][] candidates) {
        float[] plain = GradInversion.mean(candidates);
        int image = channels * height * width;
        int batch = plain.length / image;
        int[][][] shifts = new int[candidates.length][batch][];
        float[] mean = new float[plain.length];
        for (int g = 0; g < candidates.length; g++) {
            for (int b = 0; b < batch; b++) {
                shifts[g][b] = bestShift(candidates[g], plain, b * image);
                float[] aligned = shift(candidates[g], b * image, shifts[g][b][0], shifts[g][b][1]);
                for (int i = 0; i < image; i++) {
                    mean[b * image + i] += aligned[i] / candidates.length;
                }
            }
        }
        registeredMean = mean;
        float[][] targets = new float[candidates.length][plain.length];
        for (int g = 0; g < candidates.length; g++) {
            for (int b = 0; b < batch; b++) {
                float[] back = shift(mean, b * image, -shifts[g][b][0], -shifts[g][b][1]);
                System.arraycopy(back, 0, targets[g], b * image, image);
            }
        }
        return targets;
    }

    /** The registered mean of the last {@link #targets} call (in the plain mean's frame). */
    float[] registeredMean() {
        return registeredMean;
    }

    private int[] bestShift(float[] x, float[] reference, int offset) {
        int[] best = {0, 0};
        double bestError = Double.POSITIVE_INFINITY;
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                float[] moved = shift(x, offset, dy, dx);
                double error = 0;
                for (int i = 0; i < moved.length; i++) {
                    double d = moved[i] - reference[offset + i];
                    error += d * d;
                }
                // Ties keep the smaller shift, so identical candidates are never moved.
                if (error < bestError - 1e-9) {
                    bestError = error;
                    best = new int[] {dy, dx};
                }
            }
        }
        return best;
    }

    /** The image at {@code offset} moved down by dy and right by dx, edges repeated. */
    float[] shift(float[] x, int offset, int dy, int dx) {
        float[] out = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int sy = Math.min(height - 1, Math.max(0, y - dy));
                for (int xx = 0; xx < width; xx++) {
                    int sx = Math.min(width - 1, Math.max(0, xx - dx));
                    out[(c * height + y) * width + xx] = x[offset + (c * height + sy) * width + sx];
                }
            }
        }
        return out;
    }
}
