package org.giaworkbench.attack;

import java.util.Random;

/** Seeded Gaussian starting points (java.util.Random: the same on every machine). */
public final class RandomStart {

    private RandomStart() {
    }

    public static float[] gaussian(int size, long seed) {
        Random random = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
