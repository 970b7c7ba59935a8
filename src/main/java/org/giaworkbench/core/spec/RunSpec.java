package org.giaworkbench.core.spec;

/**
 * How a run executes.
 *
 * @param device        {@code auto} (CUDA when present, else CPU), {@code cpu} or {@code cuda}
 * @param seed          seeds the attack's random start
 * @param snapshotEvery emit images and metrics every this many iterations (and at least every second)
 */
public record RunSpec(String device, long seed, int snapshotEvery) {

    public static RunSpec defaults() {
        return new RunSpec("auto", 0, 50);
    }
}
