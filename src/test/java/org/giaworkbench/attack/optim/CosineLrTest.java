package org.giaworkbench.attack.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineLrTest {

    @Test
    void warmsUpLinearlyThenFollowsHalfACosineToZero() {
        CosineLr lr = new CosineLr(0.1, 1000, 50);
        assertEquals(0.1 / 50 * 0.5 * (1 + Math.cos(0)), lr.lr(0), 1e-15);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 49 / 1000)), lr.lr(49), 1e-15);
        assertEquals(0.05, lr.lr(500), 1e-15);
        assertEquals(0.0, lr.lr(1000), 1e-15);
        for (int i = 50; i < 1000; i++) {
            assertTrue(lr.lr(i + 1) < lr.lr(i), "not decreasing at " + i);
        }
    }

    @Test
    void withoutWarmUpItStartsAtTheBaseRate() {
        assertEquals(0.3, new CosineLr(0.3, 10, 0).lr(0), 1e-15);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CosineLr(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineLr(0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineLr(0.1, 10, -1));
    }
}
