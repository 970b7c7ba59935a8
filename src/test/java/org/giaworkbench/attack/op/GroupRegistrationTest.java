package org.giaworkbench.attack.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.giaworkbench.data.BundledDataset;
import org.junit.jupiter.api.Test;

class GroupRegistrationTest {

    private static final int SIDE = 32;

    /** Two seeds found the image, a third found it moved by (1, -2): the registered mean is the image. */
    @Test
    void aShiftedCandidateIsAlignedBeforeAveraging() {
        float[] image = BundledDataset.cifar10().image(4);
        GroupRegistration registration = new GroupRegistration(3, SIDE, SIDE, 2);
        float[] moved = registration.shift(image, 0, 1, -2);
        float[][] targets = registration.targets(new float[][] {image, image, moved});
        float[] mean = registration.registeredMean();
        float[] plain = GradInversion.mean(new float[][] {image, image, moved});
        double registeredError = interiorError(mean, image);
        double plainError = interiorError(plain, image);
        assertTrue(registeredError < 1e-10, "registered mean differs from the image by " + registeredError);
        assertTrue(plainError > 1e-4, "the plain mean should be blurred, error " + plainError);
        // The moved candidate is pulled toward the image moved the same way, not toward the image.
        assertTrue(interiorError(targets[2], moved) < 1e-10);
        assertArrayEquals(targets[0], targets[1]);
    }

    @Test
    void identicalCandidatesAreNotMoved() {
        float[] image = BundledDataset.cifar10().image(7);
        GroupRegistration registration = new GroupRegistration(3, SIDE, SIDE, 2);
        float[][] targets = registration.targets(new float[][] {image, image});
        assertArrayEquals(image, targets[0], 1e-7f);
        assertArrayEquals(image, registration.registeredMean(), 1e-7f);
    }

    /** Mean squared difference away from the 3-pixel border, where shifts repeat edges. */
    private static double interiorError(float[] a, float[] b) {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 3; y < SIDE - 3; y++) {
                for (int x = 3; x < SIDE - 3; x++) {
                    int i = (c * SIDE + y) * SIDE + x;
                    sum += (a[i] - b[i]) * (a[i] - b[i]);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
