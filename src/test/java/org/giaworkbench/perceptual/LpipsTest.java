package org.giaworkbench.perceptual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.giaworkbench.compute.EngineBootstrap;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LpipsTest {

    private static NDManager manager;
    private static Lpips squeeze;
    private static Dataset cifar;

    @BeforeAll
    static void start() {
        EngineBootstrap.start();
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        squeeze = Lpips.load(LpipsChoice.parse("squeeze"), manager);
        cifar = BundledDataset.cifar10();
    }

    @AfterAll
    static void stop() {
        squeeze.close();
        manager.close();
    }

    /** The formulas of tools/lpips_weights.py's pattern(). */
    static float[] pattern(int kind) {
        float[] img = new float[3 * 32 * 32];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    double v = kind == 0 ? 0.5 + 0.4 * Math.sin(0.3 * x + 0.7 * c) * Math.cos(0.2 * y)
                            : 0.5 + 0.45 * Math.sin(1.9 * x + 2.3 * y + c);
                    img[(c * 32 + y) * 32 + x] = (float) v;
                }
            }
        }
        return img;
    }

    private static double lpips(float[] a, float[] b) {
        return squeeze.distance(ImageBatch.of(3, 32, 32, a), ImageBatch.of(3, 32, 32, b))[0];
    }

    @Test
    void identicalImagesScoreZero() {
        float[] a = cifar.image(0);
        assertEquals(0.0, lpips(a, a.clone()), 1e-7);
        assertEquals(0.0, lpips(pattern(1), pattern(1)), 1e-7);
    }

    @Test
    void strongerNoiseScoresHigher() {
        float[] truth = cifar.image(3);
        Random rnd = new Random(7);
        float[] noise = new float[truth.length];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = (float) rnd.nextGaussian();
        }
        double[] sigmas = {0.03, 0.1, 0.3};
        double previous = 0;
        for (double sigma : sigmas) {
            float[] noisy = new float[truth.length];
            for (int k = 0; k < noisy.length; k++) {
                noisy[k] = truth[k] + (float) sigma * noise[k];
            }
            double d = lpips(truth, noisy);
            System.out.printf("LPIPS-squeeze at noise sigma %.2f: %.4f%n", sigma, d);
            assertTrue(d > 1.5 * previous + 0.001, "sigma " + sigma + ": LPIPS " + d + " not clearly above " + previous);
            previous = d;
        }
    }

    /**
     * Reference values from tools/lpips_weights.py: an independent plain-torch LPIPS (torch 1.13, float32)
     * with the same bundled weights. The Java pipeline agrees to float32 rounding.
     */
    @Test
    void fixedPairsMatchTheTorchReference() {
        float[] c0 = cifar.image(0);
        float[] c1 = cifar.image(1);
        float[] p1 = pattern(1);
        float[] noisy = new float[c0.length];
        for (int k = 0; k < c0.length; k++) {
            noisy[k] = Math.max(0f, Math.min(1f, c0[k] + 0.1f * p1[k] - 0.05f));
        }
        float[] grey = new float[c0.length];
        java.util.Arrays.fill(grey, 0.5f);
        assertEquals(0.323095, lpips(c0, c1), 2e-5);
        assertEquals(0.036678, lpips(c0, noisy), 2e-5);
        assertEquals(0.650837, lpips(pattern(0), p1), 2e-5);
        assertEquals(0.501653, lpips(pattern(0), grey), 2e-5);
    }

    @Test
    void batchesArePerImageAndSymmetricInShape() {
        ImageBatch a = ImageBatch.of(3, 32, 32, cifar.image(0), pattern(0));
        ImageBatch b = ImageBatch.of(3, 32, 32, cifar.image(1), pattern(1));
        double[] d = squeeze.distance(a, b);
        assertEquals(2, d.length);
        assertEquals(0.323095, d[0], 2e-5);
        assertEquals(0.650837, d[1], 2e-5);
    }

    @Test
    void labelsSayApproximateForTheBundledBackbone() {
        assertEquals("LPIPS-squeeze (approximate)", squeeze.label());
        assertTrue(squeeze.variant().startsWith("LPIPS-squeeze (approximate)"));
        assertEquals("LPIPS-alex", LpipsChoice.parse("alex:/x.npz").label());
        GiaException e = assertThrows(GiaException.class, () -> LpipsChoice.parse("alex"));
        assertTrue(e.hint().contains("alex:FILE.npz"), e.hint());
        assertThrows(GiaException.class, () -> LpipsChoice.parse("resnet"));
        GiaException missing = assertThrows(GiaException.class,
                () -> Lpips.load(LpipsChoice.parse("alex:/no/such/alexnet.npz"), manager));
        assertTrue(missing.getMessage().contains("/no/such/alexnet.npz") && missing.hint().contains("export_lpips_backbone"),
                missing.getMessage());
    }

    /** AlexNet and VGG-16 from a user's file: random weights of the torchvision shapes, so only the plumbing is checked. */
    @Test
    void userBackbonesLoadByTorchvisionNames(@TempDir Path dir) throws Exception {
        Path alex = dir.resolve("alex.npz");
        write(alex, Map.of("features.0", new long[] {64, 3, 11, 11}, "features.3", new long[] {192, 64, 5, 5},
                "features.6", new long[] {384, 192, 3, 3}, "features.8", new long[] {256, 384, 3, 3},
                "features.10", new long[] {256, 256, 3, 3}));
        try (Lpips l = Lpips.load(LpipsChoice.parse("alex:" + alex), manager)) {
            assertEquals("LPIPS-alex", l.label());
            ImageBatch a = ImageBatch.of(3, 32, 32, cifar.image(0), pattern(0));
            ImageBatch b = ImageBatch.of(3, 32, 32, cifar.image(0), pattern(1));
            double[] d = l.distance(a, b);
            assertEquals(0.0, d[0], 1e-7);
            assertTrue(d[1] > 0.0, "different images: " + d[1]);
        }
        Path vgg = dir.resolve("vgg.npz");
        int[] idx = {0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28};
        int[] out = {64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512};
        Map<String, long[]> shapes = new java.util.HashMap<>();
        int in = 3;
        for (int k = 0; k < idx.length; k++) {
            shapes.put("features." + idx[k], new long[] {out[k], in, 3, 3});
            in = out[k];
        }
        write(vgg, shapes);
        try (Lpips l = Lpips.load(LpipsChoice.parse("vgg:" + vgg), manager)) {
            ImageBatch a = ImageBatch.of(3, 32, 32, pattern(0));
            assertArrayEquals(new double[] {0.0}, l.distance(a, a), 1e-7);
            assertTrue(l.distance(a, ImageBatch.of(3, 32, 32, pattern(1)))[0] > 0);
        }
        // AlexNet weights given as VGG: a clear error naming the missing array.
        GiaException e = assertThrows(GiaException.class, () -> Lpips.load(LpipsChoice.parse("vgg:" + alex), manager));
        assertTrue(e.getMessage().contains("features.0.weight") || e.getMessage().contains("features.28"), e.getMessage());
    }

    private static void write(Path file, Map<String, long[]> convs) throws Exception {
        Random rnd = new Random(1);
        try (NDManager tmp = manager.newSubManager(); OutputStream out = Files.newOutputStream(file)) {
            NDList list = new NDList();
            for (var e : convs.entrySet()) {
                long[] s = e.getValue();
                int n = (int) (s[0] * s[1] * s[2] * s[3]);
                float[] w = new float[n];
                double std = Math.sqrt(2.0 / (s[1] * s[2] * s[3]));
                for (int k = 0; k < n; k++) {
                    w[k] = (float) (rnd.nextGaussian() * std);
                }
                NDArray weight = tmp.create(w, new Shape(s));
                weight.setName(e.getKey() + ".weight");
                NDArray bias = tmp.zeros(new Shape(s[0]));
                bias.setName(e.getKey() + ".bias");
                list.add(weight);
                list.add(bias);
            }
            list.encode(out, NDList.Encoding.NPZ);
        }
    }
}
