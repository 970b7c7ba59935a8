package org.giaworkbench.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NormalizationTest {

    @Test
    void roundTripOverABatch() {
        LabeledBatch b = BatchBuilder.build(BundledDataset.cifar10(), BatchRequest.of(4, 2));
        float[] px = b.images().pixels();
        for (Normalization n : new Normalization[] {Normalization.CIFAR10, Normalization.IMAGENET, Normalization.NONE}) {
            float[] norm = n.normalize(px, 3, 32, 32);
            assertNotSame(px, norm);
            assertArrayEquals(px, n.denormalize(norm, 3, 32, 32), 1e-6f);
        }
    }

    @Test
    void valuesPerChannel() {
        float[] img = new float[3 * 2 * 2];
        java.util.Arrays.fill(img, 0.5f);
        float[] out = Normalization.CIFAR10.normalize(img, 3, 2, 2);
        assertEquals((0.5f - 0.4914f) / 0.2470f, out[0], 1e-7f);
        assertEquals((0.5f - 0.4822f) / 0.2435f, out[4], 1e-7f);
        assertEquals((0.5f - 0.4465f) / 0.2616f, out[8 + 3], 1e-7f);
        assertEquals(0.5f, img[0]);
    }

    @Test
    void rejectsWrongChannelsAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> Normalization.CIFAR10.normalize(new float[4], 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Normalization.CIFAR10.normalize(new float[13], 3, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0}, new float[] {0}));
    }
}
