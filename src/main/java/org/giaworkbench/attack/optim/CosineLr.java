package org.giaworkbench.attack.optim;

/**
 * Linear warm-up, then cosine decay to zero: {@code lr(i) = base * min(1, (i + 1) / warmup) *
 * (1 + cos(pi * i / total)) / 2}. The schedule GradInversion-style attacks use in breaching (Geiping et
 * al.'s framework) for long Adam runs, where a step decay would stop progress early in a short run.
 */
public final class CosineLr {

    private final double baseLr;
    private final int total;
    private final int warmup;

    public CosineLr(double baseLr, int total, int warmup) {
        if (!(baseLr > 0) || Double.isInfinite(baseLr) || total < 1 || warmup < 0) {
            throw new IllegalArgumentException("baseLr " + baseLr + ", total " + total + ", warmup " + warmup);
        }
        this.baseLr = baseLr;
        this.total = total;
        this.warmup = warmup;
    }

    /** Learning rate for the 0-based iteration {@code iteration}. */
    public double lr(int iteration) {
        double ramp = warmup == 0 ? 1 : Math.min(1.0, (iteration + 1.0) / warmup);
        return baseLr * ramp * 0.5 * (1 + Math.cos(Math.PI * Math.min(iteration, total) / total));
    }
}
