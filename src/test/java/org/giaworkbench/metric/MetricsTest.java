package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private static ImageBatch randomBatch(int n, int c, int h, int w, long seed) {
        Random rnd = new Random(seed);
        float[] px = new float[n * c * h * w];
        for (int k = 0; k < px.length; k++) {
            px[k] = rnd.nextFloat();
        }
        return new ImageBatch(px, n, c, h, w);
    }

    @Test
    void identicalImagesGiveInfinitePsnrAndSsimOne() {
        ImageBatch b = randomBatch(3, 3, 32, 32, 1);
        double[] psnr = Psnr.perImage(b, b);
        for (double v : psnr) {
            assertEquals(Double.POSITIVE_INFINITY, v);
        }
        assertEquals(Psnr.CAP_DB, Psnr.batch(b, b));
        for (double v : Ssim.perImage(b, b)) {
            assertEquals(1.0, v);
        }
        assertEquals(1.0, Ssim.batch(b, b));
    }

    @Test
    void constantOffsetOfOneTenthIs20Db() {
        float[] t = new float[3 * 16 * 16];
        Arrays.fill(t, 0.5f);
        float[] r = new float[t.length];
        Arrays.fill(r, 0.6f);
        // 0.6f - 0.5f is not exactly 0.1 in float32; the error is far below the tolerance.
        assertEquals(20.0, Psnr.image(t, r), 1e-5);
    }

    @Test
    void psnrClampsTheReconstruction() {
        float[] t = new float[100];
        float[] r = new float[100];
        Arrays.fill(t, 1f);
        Arrays.fill(r, 3f);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.image(t, r));
        Arrays.fill(r, Float.NaN);
        assertEquals(0.0, Psnr.image(t, r), 1e-12); // NaN counts as 0: MSE 1
    }

    @Test
    void psnrMeanCapsInfinity() {
        assertEquals((100.0 + 20.0) / 2, Psnr.mean(new double[] {Double.POSITIVE_INFINITY, 20.0}), 1e-12);
    }

    @Test
    void ssimOf224ImageIsFast() {
        ImageBatch a = randomBatch(1, 3, 224, 224, 2);
        ImageBatch b = randomBatch(1, 3, 224, 224, 3);
        Ssim.batch(a, b); // warm-up
        long t0 = System.nanoTime();
        double v = Ssim.batch(a, b);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(Math.abs(v) < 0.05, "independent noise should have SSIM near 0, got " + v);
        assertTrue(ms < 500, "SSIM of one 224x224 image took " + ms + " ms");
    }

    @Test
    void ssimRejectsTooSmallImages() {
        ImageBatch a = randomBatch(1, 1, 10, 20, 1);
        assertThrows(IllegalArgumentException.class, () -> Ssim.batch(a, a));
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        ImageBatch a = randomBatch(2, 3, 32, 32, 1);
        ImageBatch b = randomBatch(2, 3, 16, 16, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageMetrics.compare(a, b, true));
        assertTrue(e.getMessage().contains("2x3x32x32") && e.getMessage().contains("2x3x16x16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Psnr.batch(a, b));
        assertThrows(IllegalArgumentException.class, () -> Ssim.batch(a, b));
        assertThrows(IllegalArgumentException.class, () -> BatchPairing.byMse(a, b));
    }

    @Test
    void hungarianSmallCases() {
        assertArrayEquals(new int[0], Hungarian.solve(new double[0][0]));
        assertArrayEquals(new int[] {0}, Hungarian.solve(new double[][] {{5}}));
        assertArrayEquals(new int[] {1, 0}, Hungarian.solve(new double[][] {{4, 1}, {2, 8}}));
        double[][] c = {{9, 2, 7}, {6, 4, 3}, {5, 8, 1}};
        int[] a = Hungarian.solve(c);
        assertEquals(bruteForce(c), Hungarian.totalCost(c, a), 1e-12);
        // Negative costs and ties are fine.
        double[][] d = {{-1, -1, 0}, {-1, -1, 0}, {0, 0, -5}};
        assertEquals(-7, Hungarian.totalCost(d, Hungarian.solve(d)), 1e-12);
    }

    @Test
    void hungarianMatchesBruteForceOnRandom6x6() {
        Random rnd = new Random(6);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + trial % 6;
            double[][] c = new double[n][n];
            for (double[] row : c) {
                for (int j = 0; j < n; j++) {
                    // Small integers make ties frequent; doubles cover the general case.
                    row[j] = trial % 2 == 0 ? rnd.nextInt(5) : rnd.nextDouble() * 100 - 20;
                }
            }
            int[] a = Hungarian.solve(c);
            assertTrue(isPermutation(a), Arrays.toString(a));
            assertEquals(bruteForce(c), Hungarian.totalCost(c, a), 1e-9, "trial " + trial);
        }
    }

    @Test
    void hungarianRejectsBadMatrices() {
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][] {{1, Double.NaN}, {0, 1}}));
    }

    @Test
    void pairingRecoversAShuffle() {
        ImageBatch truth = randomBatch(8, 3, 16, 16, 11);
        int[] perm = {5, 2, 7, 0, 3, 1, 6, 4};
        // recon image k is truth image perm[k], slightly perturbed
        ImageBatch shuffled = truth.select(perm);
        float[] px = shuffled.pixels().clone();
        float[] n = TestImages.noise(3, 1, 1, px.length);
        for (int k = 0; k < px.length; k++) {
            px[k] += 0.05f * n[k];
        }
        ImageBatch recon = new ImageBatch(px, 8, 3, 16, 16);
        int[] order = BatchPairing.byMse(truth, recon);
        for (int i = 0; i < 8; i++) {
            assertEquals(i, perm[order[i]], "truth " + i + " paired with recon " + order[i]);
        }
        ImageComparison cmp = ImageMetrics.compare(truth, recon, true);
        assertArrayEquals(order, cmp.order());
        assertTrue(cmp.psnrMean() > 25 && cmp.ssimMean() > 0.8, cmp.psnrMean() + " " + cmp.ssimMean());
        ImageComparison unpaired = ImageMetrics.compare(truth, recon, false);
        assertArrayEquals(BatchPairing.identity(8), unpaired.order());
        assertTrue(unpaired.psnrMean() < cmp.psnrMean() - 10);
        assertEquals(8, cmp.psnr().length);
        assertEquals(Ssim.mean(cmp.ssim()), cmp.ssimMean(), 1e-15);
    }

    @Test
    void labelAccuracyIsOrderFreeMultiset() {
        assertEquals(1.0, LabelAccuracy.of(new int[] {1, 2, 3}, new int[] {3, 1, 2}));
        assertEquals(2.0 / 3, LabelAccuracy.of(new int[] {1, 1, 2}, new int[] {2, 1, 3}), 1e-15);
        assertEquals(1.0 / 3, LabelAccuracy.of(new int[] {1, 1, 2}, new int[] {1, 3, 3}), 1e-15);
        assertEquals(0.5, LabelAccuracy.of(new int[] {4, 4, 4, 4}, new int[] {4, 4, 0, 0}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LabelAccuracy.of(new int[] {1}, new int[] {1, 2}));
    }

    @Test
    void variantNamesAreStable() {
        assertEquals("psnr-db (range 1, recon clamped, mean of per-image capped at 100)", ImageComparison.PSNR_VARIANT);
        assertEquals("ssim-gaussian11-s1.5 (Wang 2004, valid, channel mean, recon clamped)", ImageComparison.SSIM_VARIANT);
    }

    private static boolean isPermutation(int[] a) {
        boolean[] seen = new boolean[a.length];
        for (int v : a) {
            if (v < 0 || v >= a.length || seen[v]) {
                return false;
            }
            seen[v] = true;
        }
        return true;
    }

    private static double bruteForce(double[][] c) {
        int n = c.length;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return permute(c, p, 0);
    }

    private static double permute(double[][] c, int[] p, int k) {
        if (k == p.length) {
            return Hungarian.totalCost(c, p);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = k; i < p.length; i++) {
            swap(p, k, i);
            best = Math.min(best, permute(c, p, k + 1));
            swap(p, k, i);
        }
        return best;
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}
