package org.giaworkbench.attack.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdamTest {

    private static final float[] A = {1f, 10f, 0.5f, 3f};
    private static final float[] C = {0.5f, -2f, 4f, 0f};

    /**
     * torch.optim.Adam(lr=0.1) on 0.5 * sum(a * (x - c)^2), float32, torch 1.13 (Debian build),
     * produced by src/test/resources/optim/adam_reference.py.
     */
    private static final float[][] TORCH_X = {
        {1.899999976158142f, 0.8999999761581421f, -0.8999999761581421f, 0.15000000596046448f},
        {1.800239086151123f, 0.800102710723877f, -0.8000577688217163f, 0.05425097048282623f},
        {1.7009029388427734f, 0.7003815174102783f, -0.7002133131027222f, -0.030208341777324677f},
        {1.6021989583969116f, 0.6009135246276855f, -0.6005077362060547f, -0.09313814342021942f},
        {1.504358172416687f, 0.5017794370651245f, -0.5009829998016357f, -0.1276039481163025f},
    };

    private static void quadraticGrad(float[] x, float[] g) {
        for (int i = 0; i < x.length; i++) {
            g[i] = A[i] * (x[i] - C[i]);
        }
    }

    @Test
    void matchesTorchAdamOnQuadratic() {
        Adam adam = new Adam();
        float[] x = {2f, 1f, -1f, 0.25f};
        float[] g = new float[4];
        for (int step = 0; step < TORCH_X.length; step++) {
            quadraticGrad(x, g);
            adam.step(x, g, 0.1);
            for (int i = 0; i < x.length; i++) {
                double expected = TORCH_X[step][i];
                assertEquals(expected, x[i], 1e-6 * Math.abs(expected) + 1e-9,
                        "step " + (step + 1) + " element " + i);
            }
        }
        assertEquals(5, adam.steps());
    }

    @Test
    void resetForgetsMomentsAndAllowsNewSize() {
        Adam adam = new Adam();
        float[] x = {2f, 1f, -1f, 0.25f};
        float[] g = new float[4];
        quadraticGrad(x, g);
        adam.step(x, g, 0.1);
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[3], new float[3], 0.1));
        adam.reset();
        assertEquals(0, adam.steps());
        // After a reset the first step is again a plain lr-sized signed step.
        float[] y = {1f, 1f};
        adam.step(y, new float[] {3f, -0.5f}, 0.1);
        assertArrayEquals(new float[] {0.9f, 1.1f}, y, 1e-7f);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Adam(1.0, 0.999, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, -0.1, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.9, 0.999, -1));
        Adam adam = new Adam();
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[2], new float[3], 0.1));
        assertThrows(IllegalArgumentException.class, () -> adam.step(new float[2], new float[2], -0.1));
    }

    @Test
    void signInPlaceMatchesTorchSign() {
        float[] g = {-3f, 0f, -0f, 2.5e-30f, Float.NaN, Float.NEGATIVE_INFINITY};
        Signs.signInPlace(g);
        assertArrayEquals(new float[] {-1f, 0f, 0f, 1f, 0f, -1f}, g);
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(g[2]), "-0 becomes +0");
    }
}
