package org.giaworkbench.attack.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MultiStepLrTest {

    @Test
    void invertingGradientsMilestonesFor24000Iterations() {
        MultiStepLr s = MultiStepLr.invertingGradients(0.1, 24000);
        assertArrayEquals(new int[] {9000, 15000, 21000}, s.milestones());
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(0.1, s.lr(8999), 1e-15);
        assertEquals(0.01, s.lr(9000), 1e-15);
        assertEquals(0.01, s.lr(14999), 1e-15);
        assertEquals(0.001, s.lr(15000), 1e-15);
        assertEquals(0.001, s.lr(20999), 1e-15);
        assertEquals(0.0001, s.lr(21000), 1e-15);
        assertEquals(0.0001, s.lr(23999), 1e-15);
    }

    @Test
    void unsortedAndRepeatedMilestonesCountLikeTorch() {
        MultiStepLr s = new MultiStepLr(1.0, new int[] {5, 2, 5}, 0.5);
        assertEquals(1.0, s.lr(1));
        assertEquals(0.5, s.lr(2));
        assertEquals(0.5, s.lr(4));
        assertEquals(0.125, s.lr(5));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> MultiStepLr.invertingGradients(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> MultiStepLr.invertingGradients(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepLr(1, new int[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepLr(Double.NaN, new int[] {1}, 0.1));
    }
}
