package org.giaworkbench.attack.optim;

/** Signed gradients, as used by Inverting Gradients (Geiping et al. 2020) before the Adam step. */
public final class Signs {

    private Signs() {
    }

    /**
     * Replaces each element by its sign: -1, 0 or +1. Zero of either sign and NaN map to +0, which is
     * what {@code torch.sign} gives on CPU (checked on torch 1.13).
     */
    public static void signInPlace(float[] g) {
        for (int i = 0; i < g.length; i++) {
            float v = g[i];
            g[i] = v > 0f ? 1f : v < 0f ? -1f : 0f;
        }
    }
}
