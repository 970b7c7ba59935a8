package org.giaworkbench.attack.ana;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelSurgery;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.InputBox;
import org.giaworkbench.plugin.spi.ServerSetup;
import org.giaworkbench.plugin.spi.ServerView;
import org.giaworkbench.plugin.spi.ShippedModel;

/**
 * Robbing the Fed (Fowl, Geiping, Czaja, Goldblum, Goldstein, ICLR 2022). The server ships the model
 * behind an imprint module: K rows that all measure one linear statistic s(x) of the input (average
 * brightness or a random projection), with biases at the K-quantiles of the statistic's distribution as
 * fitted on the server's public data, then ReLU. Row i is active for every image with s(x) above cut-off
 * i, so the difference of consecutive rows' weight gradients, divided by the difference of their bias
 * gradients, is the one image whose statistic falls between the two cut-offs, exactly. A bin holding
 * several images gives their weighted mean. The module's output returns through a second linear layer
 * with all weights equal, so every row passes the same gradient for a given image (what makes the
 * ratio exact).
 */
final class RobbingTheFed implements Attack {

    private final int bins;
    private final String statistic;
    private final String distribution;
    private final boolean flattenLogits;
    /** Set by {@link #ship}: the statistic's direction and the cut-offs, for the recovery and the bin view. */
    private float[] direction;
    private double[] cutoffs;

    RobbingTheFed(ParamValues params) {
        this.bins = params.getInt("bins");
        this.statistic = params.getString("statistic");
        this.distribution = params.getString("distribution");
        this.flattenLogits = params.getBoolean("flatten-logits");
    }

    @Override
    public ShippedModel ship(ServerSetup setup) {
        int values = (int) setup.imageShape().size();
        direction = direction(values, setup.seed());
        ServerSetup.PublicSample sample = setup.publicData().get();
        double[] stats = new double[sample.count()];
        for (int n = 0; n < sample.count(); n++) {
            stats[n] = dot(direction, sample.images(), n * values);
        }
        StatisticFit fit = StatisticFit.fit(distribution, stats);
        double scale = fit.scale() > 0 ? fit.scale() : 1;
        cutoffs = new double[bins];
        // The lowest cut-off lies below anything a valid input can measure, so that no image is lost.
        cutoffs[0] = lowestStatistic(direction, setup.box(), setup.imageShape().get(0)) - scale;
        for (int i = 1; i < bins; i++) {
            cutoffs[i] = fit.quantile((double) i / bins);
        }
        float[] w = new float[bins * values];
        float[] b = new float[bins];
        for (int i = 0; i < bins; i++) {
            for (int p = 0; p < values; p++) {
                w[i * values + p] = (float) (direction[p] / scale);
            }
            b[i] = (float) (-cutoffs[i] / scale);
        }
        // Back to image space: all weights 1/K; the bias centres the added offset on the public data.
        float[] v = new float[values * bins];
        java.util.Arrays.fill(v, 1f / bins);
        double meanActivation = 0;
        for (double s : stats) {
            for (int i = 0; i < bins; i++) {
                meanActivation += Math.max(0, (s - cutoffs[i]) / scale);
            }
        }
        meanActivation /= Math.max(1, stats.length) * (double) bins;
        float[] c = new float[values];
        java.util.Arrays.fill(c, (float) -meanActivation);
        if (flattenLogits) {
            flattenLogits(setup, sample);
        }
        GiaModel shipped = ModelSurgery.withImprint(setup.honest(), bins);
        ModelSurgery.set(shipped, Map.of(ModelSurgery.IMPRINT + ".0.weight", w, ModelSurgery.IMPRINT + ".0.bias", b,
                ModelSurgery.IMPRINT + ".2.weight", v, ModelSurgery.IMPRINT + ".2.bias", c));
        long added = 2L * bins * values + bins + values;
        String what = String.format("imprint module in front: %d bins on %s, %s cut-offs fitted on %d public images "
                + "(location %.4g, scale %.4g)", bins, statistic, fit.family(), sample.count(), fit.location(), fit.scale());
        float[] dir = direction;
        double[] cuts = cutoffs;
        return new ShippedModel(shipped, what, added, image -> binOf(dir, cuts, image), bins);
    }

    /**
     * An image the model already classifies with near certainty has an almost zero loss gradient, so its
     * bin would show nothing (about one image in ten on an untrained ResNet, most on a trained one). The
     * server therefore also shrinks the last layer until no public image's logit exceeds 0.1 in size:
     * predictions become nearly uniform and every image passes a gradient of similar size.
     */
    private static void flattenLogits(ServerSetup setup, ServerSetup.PublicSample sample) {
        int values = (int) setup.imageShape().size();
        int n = Math.min(64, sample.count());
        if (n == 0) {
            return;
        }
        float largest;
        try (NDManager scope = setup.manager().newSubManager()) {
            NDArray x = OwnedArrays.of(scope, java.util.Arrays.copyOf(sample.images(), n * values),
                    new Shape(n, setup.imageShape().get(0), setup.imageShape().get(1), setup.imageShape().get(2)));
            largest = setup.honest().forward(x).abs().max().toType(DataType.FLOAT32, false).getFloat();
        }
        if (largest > 0.1f && Float.isFinite(largest)) {
            ModelSurgery.scaleClassifier(setup.honest(), 0.1f / largest);
        }
    }

    @Override
    public void run(ServerView view, AttackContext context) {
        if (direction == null) {
            throw new IllegalStateException("Robbing the Fed runs only on the model it shipped");
        }
        context.expectIterations(1);
        int values = (int) view.imageShape().size();
        List<NDArray> g = view.gradients();
        // Imprint parameters come first: weight K x D, bias K (see ModelSurgery.withImprint).
        float[] dw = g.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        float[] db = g.get(1).toType(DataType.FLOAT32, false).toFloatArray();
        double largest = 0;
        for (float v : db) {
            largest = Math.max(largest, Math.abs(v));
        }
        List<float[]> recovered = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            double next = i + 1 < bins ? db[i + 1] : 0;
            double delta = db[i] - next;
            // Empty bins repeat the next row's sums bit for bit; anything above rounding noise holds images.
            if (Math.abs(delta) <= 1e-9 * largest) {
                continue;
            }
            float[] x = new float[values];
            for (int p = 0; p < values; p++) {
                double nextW = i + 1 < bins ? dw[(i + 1) * values + p] : 0;
                x[p] = (float) ((dw[i * values + p] - nextW) / delta);
            }
            recovered.add(x);
        }
        context.reportMetric("bins", bins);
        context.reportMetric("occupied_bins", recovered.size());
        int n = view.batchSize();
        float[] images = new float[n * values];
        for (int k = 0; k < Math.min(n, recovered.size()); k++) {
            System.arraycopy(recovered.get(k), 0, images, k * values, values);
        }
        context.checkCancelled();
        context.report(1, 0.0, images);
    }

    /** Unit-free statistic: the mean of all input values, or a seeded random direction of the same norm. */
    private float[] direction(int values, long seed) {
        float[] d = new float[values];
        if (statistic.equals("random-projection")) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_0F_FEDL);
            double norm = 0;
            for (int p = 0; p < values; p++) {
                d[p] = (float) gaussian(r);
                norm += d[p] * d[p];
            }
            float s = (float) (1 / Math.sqrt(norm * values));
            for (int p = 0; p < values; p++) {
                d[p] *= s;
            }
        } else {
            java.util.Arrays.fill(d, 1f / values);
        }
        return d;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double dot(float[] d, float[] images, int offset) {
        double s = 0;
        for (int p = 0; p < d.length; p++) {
            s += (double) d[p] * images[offset + p];
        }
        return s;
    }

    private static double lowestStatistic(float[] d, InputBox box, long channels) {
        int perChannel = (int) (d.length / channels);
        double s = 0;
        for (int p = 0; p < d.length; p++) {
            int ch = p / perChannel;
            s += Math.min(d[p] * box.lower(ch), d[p] * box.upper(ch));
        }
        return s;
    }

    /** The bin a normalised CHW image falls in: the last cut-off its statistic exceeds. */
    static int binOf(float[] direction, double[] cutoffs, float[] image) {
        double s = dot(direction, image, 0);
        int lo = 0;
        int hi = cutoffs.length - 1;
        if (s <= cutoffs[0]) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cutoffs[mid] < s) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
