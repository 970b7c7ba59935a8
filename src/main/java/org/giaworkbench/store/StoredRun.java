package org.giaworkbench.store;

import java.util.List;
import java.util.Map;
import org.giaworkbench.core.spec.ExperimentSpec;

/**
 * Everything stored about one run but its series and pixels (read those with
 * {@link ExperimentStore#series} and {@link ExperimentStore#images}).
 *
 * @param specJson     the spec exactly as run (JSON)
 * @param versions     app, engine, djl and java versions
 * @param totalIterations the iterations the run was set up for
 * @param finishedAtMillis epoch millis of the end, or 0 while running / when interrupted
 * @param psnr         per ground-truth image (NaN where unknown)
 * @param images       the stored images, ground truths and reconstructions, by index
 * @param metrics      extra named metrics (e.g. {@code gradient_cosine})
 */
public record StoredRun(RunSummary summary, String specJson, ExperimentSpec spec, long seed, String message,
                        String device, Map<String, String> versions, long parameterCount, int totalIterations,
                        double bestLoss, double labelAccuracy, int[] trueLabels, int[] recoveredLabels,
                        long finishedAtMillis, double[] psnr, double[] ssim, List<ImageRef> images,
                        Map<String, Double> metrics) {

    /** What an image is to its run. */
    public enum ImageKind { TRUTH, RECONSTRUCTION }

    /** A stored image: {@code hash} addresses its PNG ({@link ExperimentStore#png}). */
    public record ImageRef(ImageKind kind, int index, String hash) {
    }

    public long id() {
        return summary.id();
    }
}
