package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;

class ObservedGradientCheckTest {

    @Test
    void zeroAndNonFiniteGradientsAreRefusedAndATinyOneIsNot() {
        EngineBootstrap.start();
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            GiaException zero = assertThrows(GiaException.class, () -> ObservedGradientCheck.requireInvertible(
                    List.of(m.zeros(new ai.djl.ndarray.types.Shape(3)), m.zeros(new ai.djl.ndarray.types.Shape(2, 2)))));
            assertTrue(zero.getMessage().contains("exactly zero"), zero.getMessage());
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
                GiaException e = assertThrows(GiaException.class, () -> ObservedGradientCheck.requireInvertible(
                        List.of(m.create(new float[] {1f, bad, 0f}))));
                assertTrue(e.getMessage().contains("NaN or infinite"), e.getMessage());
            }
            assertDoesNotThrow(() -> ObservedGradientCheck.requireInvertible(
                    List.of(m.zeros(new ai.djl.ndarray.types.Shape(3)), m.create(new float[] {0f, -1e-30f}))));
        }
    }
}
