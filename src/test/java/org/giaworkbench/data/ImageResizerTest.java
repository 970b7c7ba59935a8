package org.giaworkbench.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageResizerTest {

    @Test
    void sameSizeIsACopy() {
        float[] img = BundledDataset.cifar10().image(0);
        float[] out = ImageResizer.resizeAndCenterCrop(img, 3, 32, 32, 32);
        assertArrayEquals(img, out, 1e-7f);
    }

    @Test
    void constantImageStaysConstant() {
        float[] img = new float[2 * 37 * 53];
        java.util.Arrays.fill(img, 0.3f);
        for (int size : new int[] {5, 32, 100}) {
            float[] out = ImageResizer.resizeAndCenterCrop(img, 2, 37, 53, size);
            assertEquals(2 * size * size, out.length);
            for (float v : out) {
                assertEquals(0.3f, v, 1e-6f);
            }
        }
    }

    @Test
    void integerShrinkAveragesBlocks() {
        // Halving with the antialiased triangle filter: each output mixes a 4-wide neighbourhood, weights 1,3,3,1.
        float[] row = {0, 0, 1, 1, 0, 0, 1, 1};
        float[] out = ImageResizer.resize(row, 1, 1, 8, 1, 4);
        assertArrayEquals(new float[] {1 / 7f, 6 / 8f, 2 / 8f, 6 / 7f}, out, 1e-6f);
    }

    @Test
    void centreCropTakesTheMiddleOfTheLongSide() {
        // 1x4 -> shorter side 1 stays, crop 1x1 from columns: offset round_half_even((4-1)/2) = 2.
        float[] row = {0.1f, 0.2f, 0.3f, 0.4f};
        assertArrayEquals(new float[] {0.3f}, ImageResizer.resizeAndCenterCrop(row, 1, 1, 4, 1), 1e-7f);
    }

    private static float[] pattern(int h, int w) {
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (float) ((x * 7 + y * 13) % 17) / 16f;
            }
        }
        return out;
    }

    /**
     * Against Pillow 9.4.0 (Debian 12): {@code Image.fromarray(a, mode="F").resize((nw, nh), Image.BILINEAR)}
     * then the torchvision centre-crop offsets; a = ((7x + 13y) % 17) / 16 in float32. Pillow keeps its
     * intermediate pass in float32, hence the 1e-5 tolerance. Script: src/test/resources/data/pillow_resize_reference.py.
     */
    @Test
    void matchesPillowBilinearWithTorchvisionCrop() {
        check(13, 9, 5, 12.7161030, new double[] {0.6013765, 0.5000000, 0.5442708, 0.4223633, 0.5213914, 0.4308036});
        check(6, 4, 9, 40.1137820, new double[] {0.5312500, 0.4883814, 0.3740652, 0.2983440, 0.4927885, 0.6872329});
        check(40, 64, 16, 127.9992056, new double[] {0.5214032, 0.5601667, 0.5016806, 0.4922552, 0.4439377, 0.4877266});
    }

    private static void check(int h, int w, int size, double sum, double[] first) {
        float[] out = ImageResizer.resizeAndCenterCrop(pattern(h, w), 1, h, w, size);
        assertEquals(size * size, out.length);
        double s = 0;
        for (float v : out) {
            s += v;
        }
        assertEquals(sum, s, 1e-4, h + "x" + w + " -> " + size);
        for (int k = 0; k < first.length; k++) {
            assertEquals(first[k], out[k], 1e-5, h + "x" + w + " -> " + size + ", value " + k);
        }
    }
}
