package org.giaworkbench.metric;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SSIM and PSNR against scikit-image 0.19.3 (Debian 12 python3-skimage, numpy 1.24.2):
 * {@code structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
 * data_range=1.0, channel_axis=0)} and {@code peak_signal_noise_ratio(a, b, data_range=1.0)} on the
 * float32 images below cast to float64. Regenerate with src/test/resources/metric/skimage_reference.py
 * (see the README beside it).
 */
class SsimPsnrReferenceTest {

    private static void check(float[] t, float[] r, int c, int h, int w,
                              double sumT, double sumR, double ssim, double psnr) {
        // The sums prove the images are the ones scikit-image saw.
        assertEquals(sumT, TestImages.sum(t), 1e-6, "truth image differs from the Python one");
        assertEquals(sumR, TestImages.sum(r), 1e-6, "recon image differs from the Python one");
        assertEquals(ssim, Ssim.image(t, r, c, h, w), 1e-5, "SSIM");
        assertEquals(psnr, Psnr.image(t, r), 1e-4, "PSNR");
    }

    @Test
    void pair1_triangleWavePlusNoise() {
        float[] t = TestImages.tri(3, 32, 32);
        float[] n = TestImages.noise(1, 3, 32, 32);
        float[] r = new float[t.length];
        for (int k = 0; k < t.length; k++) {
            r[k] = TestImages.clip(t[k] + 0.2f * n[k]);
        }
        check(t, r, 3, 32, 32, 1522.3000509515, 1520.7949574590, 0.941806159011, 24.7777113265);
    }

    @Test
    void pair2_differentPatternNonSquare() {
        float[] t = TestImages.tri(3, 48, 40);
        float[] p = TestImages.tri2(3, 48, 40);
        float[] n = TestImages.noise(7, 3, 48, 40);
        float[] r = new float[t.length];
        for (int k = 0; k < t.length; k++) {
            r[k] = TestImages.clip(0.7f * p[k] + 0.15f + 0.1f * n[k]);
        }
        check(t, r, 3, 48, 40, 2884.2000973970, 2884.5699877590, -0.027348145454, 10.1953117831);
    }

    @Test
    void pair3_grayscaleContrastChange() {
        float[] t = TestImages.uniform(42, 1, 24, 24);
        float[] r = new float[t.length];
        for (int k = 0; k < t.length; k++) {
            r[k] = 0.5f * t[k] + 0.25f;
        }
        check(t, r, 1, 24, 24, 276.4666725183, 282.2333354950, 0.800703970682, 17.0263212140);
    }
}
