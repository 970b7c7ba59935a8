package org.giaworkbench.plugin.spi;

/** Gradient distances the native helper computes (codes must match tools/make_grad_helper.py). */
public enum Distance {
    /** Sum over parameters of the squared L2 distance (DLG, iDLG). */
    SQUARED_L2(0),
    /** 1 - cosine similarity of all parameter gradients as one vector (Inverting Gradients). */
    COSINE(1);

    private final int code;

    Distance(int code) {
        this.code = code;
    }

    /** The code the native helper understands. */
    public int code() {
        return code;
    }
}
