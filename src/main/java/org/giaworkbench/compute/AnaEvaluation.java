package org.giaworkbench.compute;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunExtras;
import org.giaworkbench.metric.Psnr;
import org.giaworkbench.plugin.spi.ServerSetup;
import org.giaworkbench.plugin.spi.ShippedModel;

/**
 * The evaluation side of malicious-server attacks (it holds the ground truth, the attack never does):
 * exact recovery per image, the bins the client's images fell into, the fished target.
 */
final class AnaEvaluation {

    /** "Exact": every pixel within this of the truth, in [0, 1] space. */
    static final double EXACT_TOLERANCE = 1.0 / 255;

    /** What the server shipped, with the bins of the client's images under its imprint module. */
    record Server(String modification, long addedParameters, int[] truthBins, int bins, Map<String, Double> metrics) {
    }

    private AnaEvaluation() {
    }

    static Server binsOf(ShippedModel shipped, float[] normalizedInputs, ImageBatch truth,
                         Supplier<ServerSetup.PublicSample> publicData) {
        if (shipped.binning() == null) {
            return new Server(shipped.modification(), shipped.addedParameters(), new int[0], 0, Map.of());
        }
        int values = truth.imageSize();
        int[] bins = new int[truth.count()];
        for (int i = 0; i < bins.length; i++) {
            float[] x = new float[values];
            System.arraycopy(normalizedInputs, i * values, x, 0, values);
            bins[i] = shipped.binning().applyAsInt(x);
        }
        return new Server(shipped.modification(), shipped.addedParameters(), bins, shipped.bins(),
                occupancy(shipped, publicData.get(), truth.count()));
    }

    /**
     * What the bins actually used let one expect: the chance that two images share a bin, estimated
     * without bias on the public sample (sum over bins of c(c-1) / (M(M-1))), and the expected number of
     * images alone in their bin in a batch of n, n (1 - q)^(n-1) (Fowl et al.'s Proposition 1 with the
     * fitted bins' real masses instead of 1/K each).
     */
    static Map<String, Double> occupancy(ShippedModel shipped, ServerSetup.PublicSample sample, int n) {
        int values = sample.count() == 0 ? 0 : sample.images().length / sample.count();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int m = 0; m < sample.count(); m++) {
            float[] x = new float[values];
            System.arraycopy(sample.images(), m * values, x, 0, values);
            counts.merge(shipped.binning().applyAsInt(x), 1, Integer::sum);
        }
        double pairs = 0;
        for (int c : counts.values()) {
            pairs += (double) c * (c - 1);
        }
        double m = sample.count();
        double q = m > 1 ? pairs / (m * (m - 1)) : Double.NaN;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("bin_collision_probability", q);
        out.put("expected_exact", n * Math.pow(1 - q, n - 1));
        out.put("expected_exact_uniform", n * Math.pow(1 - 1.0 / shipped.bins(), n - 1));
        return out;
    }

    /**
     * @param recon the attack's images in its own order (before pairing)
     */
    static RunExtras extras(ImageBatch truth, ImageBatch recon, ImageScores scores, Map<String, Double> attackMetrics,
                            Server server) {
        boolean[] exact = new boolean[truth.count()];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = maxError(truth.image(i), recon.image(scores.order()[i])) < EXACT_TOLERANCE;
        }
        int target = -1;
        double targetPsnr = Double.NaN;
        Double slot = attackMetrics.get("target_slot");
        if (slot != null) {
            float[] guess = recon.image(slot.intValue());
            for (int i = 0; i < truth.count(); i++) {
                double p = Psnr.image(truth.image(i), guess);
                if (target < 0 || p > targetPsnr) {
                    target = i;
                    targetPsnr = p;
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(attackMetrics);
        metrics.putAll(server.metrics());
        return new RunExtras(exact, metrics, server.modification(), server.addedParameters(), server.truthBins(),
                server.bins(), target, targetPsnr);
    }

    static double maxError(float[] truth, float[] recon) {
        double m = 0;
        for (int p = 0; p < truth.length; p++) {
            float r = Math.min(1f, Math.max(0f, recon[p]));
            m = Math.max(m, Math.abs(truth[p] - r));
        }
        return m;
    }
}
