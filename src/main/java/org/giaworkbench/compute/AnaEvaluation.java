package org.giaworkbench.compute;

import java.util.Map;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunExtras;
import org.giaworkbench.metric.Psnr;
import org.giaworkbench.plugin.spi.ShippedModel;

/**
 * The evaluation side of malicious-server attacks (it holds the ground truth, the attack never does):
 * exact recovery per image, the bins the client's images fell into, the fished target.
 */
final class AnaEvaluation {

    /** "Exact": every pixel within this of the truth, in [0, 1] space. */
    static final double EXACT_TOLERANCE = 1.0 / 255;

    /** What the server shipped, with the bins of the client's images under its imprint module. */
    record Server(String modification, long addedParameters, int[] truthBins, int bins) {
    }

    private AnaEvaluation() {
    }

    static Server binsOf(ShippedModel shipped, float[] normalizedInputs, ImageBatch truth) {
        if (shipped.binning() == null) {
            return new Server(shipped.modification(), shipped.addedParameters(), new int[0], 0);
        }
        int values = truth.imageSize();
        int[] bins = new int[truth.count()];
        for (int i = 0; i < bins.length; i++) {
            float[] x = new float[values];
            System.arraycopy(normalizedInputs, i * values, x, 0, values);
            bins[i] = shipped.binning().applyAsInt(x);
        }
        return new Server(shipped.modification(), shipped.addedParameters(), bins, shipped.bins());
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
        return new RunExtras(exact, attackMetrics, server.modification(), server.addedParameters(), server.truthBins(),
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
