package org.giaworkbench.core.spec;

/**
 * How a run executes.
 *
 * @param device        {@code auto} (CUDA when present, else CPU), {@code cpu} or {@code cuda}
 * @param seed          seeds the attack's random start
 * @param snapshotEvery emit images and metrics every this many iterations (and at least every second)
 * @param lpips         LPIPS backbone: {@code squeeze} (bundled, "LPIPS-squeeze (approximate)"),
 *                      {@code alex:FILE.npz}, {@code vgg:FILE.npz} (torchvision weights) or {@code off}
 */
public record RunSpec(String device, long seed, int snapshotEvery, String lpips) {

    public static final String DEFAULT_LPIPS = "squeeze";

    public RunSpec {
        lpips = lpips == null || lpips.isBlank() ? DEFAULT_LPIPS : lpips;
    }

    public RunSpec(String device, long seed, int snapshotEvery) {
        this(device, seed, snapshotEvery, DEFAULT_LPIPS);
    }

    public static RunSpec defaults() {
        return new RunSpec("auto", 0, 50, DEFAULT_LPIPS);
    }
}
