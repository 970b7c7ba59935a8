package org.giaworkbench.compute.autograd;

/** Gradient distances the native helper computes (codes must match tools/make_grad_helper.py). */
public enum Distance {
    /** Sum over parameters of the squared L2 distance (DLG, iDLG). */
    SQUARED_L2(0),
    /** 1 - cosine similarity of all parameter gradients as one vector (Inverting Gradients). */
    COSINE(1);

    final int code;

    Distance(int code) {
        this.code = code;
    }
}
