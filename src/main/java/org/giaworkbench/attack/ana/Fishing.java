package org.giaworkbench.attack.ana;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.giaworkbench.attack.op.OptimizationAttacks;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.AttackPlugin;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.ServerSetup;
import org.giaworkbench.plugin.spi.ServerView;
import org.giaworkbench.plugin.spi.ShippedModel;

/**
 * Fishing (Wen, Geiping, Fowl, Goldblum, Goldstein, ICML 2022). The server rewrites the last layer so
 * that the batch's gradient is one target image's gradient, magnified, then Inverting Gradients
 * reconstructs that image.
 * <ul>
 * <li>Class fishing: every non-target class gets weight 0 and bias B (bias multiplier), the target class
 * a constant weight row (class multiplier) and its own bias. Every image is then predicted as a
 * non-target with certainty: images of other classes pass no gradient into the network, images of the
 * target class pass a full one.</li>
 * <li>Feature fishing, when the batch holds several images of the target class: the target's row reads
 * one feature only, with weight m (feature multiplier) and a cut at value v, so that only target images
 * whose feature lies below v keep their gradient. The server picks the feature and v on its public
 * data: v is the quantile of the target class at which at least one of the k target images of the batch
 * lies below with probability 0.8 (the 1/k quantile misses all k with probability 0.30 at k = 3), and the
 * feature is the one where the fewest other-class images lie above v (those are predicted as the target
 * and would leak in). m is capped so that the cut stays within 20 logits over the public data: a harder
 * cut saturates the softmax of Inverting Gradients' guess to an exactly zero gradient.</li>
 * </ul>
 * The target class is a parameter; -1 picks a class of the batch, fewest images first (the server knows
 * the labels under this threat model, as Inverting Gradients assumes).
 */
final class Fishing implements Attack {

    private final ParamValues params;
    private int targetClass;
    private String mode = "";

    Fishing(ParamValues params) {
        this.params = params;
    }

    @Override
    public ShippedModel ship(ServerSetup setup) {
        int[] labels = setup.knownLabels();
        targetClass = params.getInt("target-class");
        if (targetClass < 0) {
            if (labels == null) {
                throw GiaException.badInput("Fishing with target-class -1 needs the labels", "set fl.labels=known or attack.target-class");
            }
            targetClass = rarestClass(labels, setup.numClasses());
        }
        if (targetClass >= setup.numClasses()) {
            throw GiaException.badInput("target-class " + targetClass + " does not exist in a model with " + setup.numClasses()
                    + " classes", "choose 0.." + (setup.numClasses() - 1));
        }
        int k = labels == null ? Math.max(1, setup.batchSize() / setup.numClasses()) : count(labels, targetClass);
        GiaModel model = setup.honest();
        List<NDArray> trainable = model.trainableArrays();
        NDArray weight = trainable.get(trainable.size() - 2);
        NDArray bias = trainable.get(trainable.size() - 1);
        int classes = (int) weight.getShape().get(0);
        int features = (int) weight.getShape().get(1);
        float[] w = new float[classes * features];
        float[] b = new float[classes];
        float bigBias = (float) params.getDouble("bias-multiplier");
        Arrays.fill(b, bigBias);
        String what;
        if (k <= 1 || !params.getBoolean("feature-fishing")) {
            float[] oldBias = host(bias);
            Arrays.fill(w, targetClass * features, (targetClass + 1) * features, (float) params.getDouble("class-multiplier"));
            b[targetClass] = oldBias[targetClass];
            mode = "class";
            what = "last layer rewritten: class fishing on class " + targetClass;
        } else {
            float[][] feats = features(setup, weight, bias);
            int[] publicLabels = setup.publicData().get().labels();
            double q = cutQuantile(k);
            int[] best = chooseFeature(feats, publicLabels, targetClass, q);
            int loc = best[0];
            double cut = quantileOfClass(feats, publicLabels, targetClass, loc, q);
            // The multiplier is per standard deviation of the feature on the public data, so that the cut is
            // equally sharp whatever the feature's scale (raw scales differ by orders between models).
            // Capped so that no public image sits more than MAX_GAP logits from the cut: Inverting Gradients'
            // guess is labelled with the target class, and above a hard cut its softmax saturates in float32,
            // its gradient is exactly zero and the cosine distance is 0/0 (NaN at the first iteration).
            float m = (float) Math.min(params.getDouble("feature-multiplier") / Math.max(1e-6, spread(feats, loc)),
                    MAX_GAP / Math.max(1e-6, maxDeviation(feats, loc, cut)));
            // z_t = B + m (f - v): below the cut the target logit loses to B (gradient kept), above it wins.
            w[targetClass * features + loc] = m;
            b[targetClass] = (float) (bigBias - m * cut);
            mode = "feature";
            what = String.format("last layer rewritten: feature fishing on class %d, feature %d cut at %.4g (%.3f quantile, %d target images)",
                    targetClass, loc, cut, q, k);
        }
        GiaModel.setValues(weight, w);
        GiaModel.setValues(bias, b);
        return new ShippedModel(model, what, 0, null, 0);
    }

    @Override
    public void run(ServerView view, AttackContext context) {
        context.reportMetric("target_slot", 0);
        checkFished(view.gradients());
        // Inverting Gradients on one image of the target class: the isolated gradient is that image's
        // gradient divided by the batch size, and the cosine distance does not see the scale.
        ServerView single = new ServerView(view.model(), view.gradients(), 1, view.imageShape(), view.numClasses(),
                new int[] {targetClass}, view.box());
        Map<String, Object> ig = Map.of("iterations", params.getInt("iterations"), "lr", params.getDouble("lr"),
                "tv", params.getDouble("tv"), "restarts", params.getInt("restarts"));
        AttackPlugin igPlugin = new OptimizationAttacks.InvertingGradientsPlugin();
        Attack invert = igPlugin.create(igPlugin.descriptor().schema().validate(ig, "fishing's inverting gradients"));
        invert.run(single, new OneOfBatch(context, view.batchSize(), (int) view.imageShape().size()));
    }

    /** The context IG sees: its one image is slot 0 of the batch-sized report; the rest stay at the mean. */
    private record OneOfBatch(AttackContext outer, int batch, int values) implements AttackContext {
        @Override
        public NDManager runManager() {
            return outer.runManager();
        }

        @Override
        public GradientOracle gradients() {
            return outer.gradients();
        }

        @Override
        public long seed() {
            return outer.seed();
        }

        @Override
        public void checkCancelled() {
            outer.checkCancelled();
        }

        @Override
        public void expectIterations(int total) {
            outer.expectIterations(total);
        }

        @Override
        public void report(int iteration, double loss, float[] images) {
            float[] all = new float[batch * values];
            System.arraycopy(images, 0, all, 0, values);
            outer.report(iteration, loss, all);
        }

        @Override
        public void reportLabels(int[] labels) {
            // One label for one image: not a recovery of the batch's labels.
        }

        @Override
        public void reportMetric(String key, double value) {
            outer.reportMetric(key, value);
        }
    }

    /**
     * A fished gradient that Inverting Gradients cannot match is a failed fishing, said plainly (not left to
     * surface as a NaN loss): non-finite values, or no gradient at all below the last layer (no image of the
     * target class passed the cut, and none leaked in).
     */
    private void checkFished(List<NDArray> gradients) {
        double body = 0;
        for (int i = 0; i < gradients.size(); i++) {
            for (float x : host(gradients.get(i))) {
                if (!Float.isFinite(x)) {
                    throw GiaException.badInput("Fishing: the client's gradient under the fishing model is not finite ("
                            + mode + " fishing on class " + targetClass + ")", "lower attack.bias-multiplier or attack.feature-multiplier");
                }
                body += i < gradients.size() - 2 ? (double) x * x : 0;
            }
        }
        if (body == 0) {
            throw GiaException.badInput("Fishing caught nothing: no image of class " + targetClass + " passed the "
                    + mode + " fishing cut, so the gradient below the last layer is zero",
                    "choose another attack.target-class, or set attack.feature-fishing=false");
        }
    }

    /**
     * The quantile of the target class's feature at which to cut, for k target images in the batch: the
     * 1/k quantile leaves no target image below the cut with probability (1 - 1/k)^k (0.30 for k = 3), and
     * the fished gradient then holds no target at all. The cut is raised until at least one of the k lies
     * below it with probability {@value #FISH_PROBABILITY} (0.415 for k = 3, 0.33 for k = 4).
     */
    static double cutQuantile(int k) {
        return Math.max(1.0 / k, 1 - Math.pow(1 - FISH_PROBABILITY, 1.0 / k));
    }

    static final double FISH_PROBABILITY = 0.8;

    /** Largest logit gap to the non-target bias on the public data (exp(-20)^2 is still a float32 normal). */
    static final double MAX_GAP = 20;

    private static double maxDeviation(float[][] feats, int f, double cut) {
        double d = 0;
        for (float[] x : feats) {
            d = Math.max(d, Math.abs(x[f] - cut));
        }
        return d;
    }

    static int rarestClass(int[] labels, int classes) {
        int best = labels[0];
        for (int c = 0; c < classes; c++) {
            int n = count(labels, c);
            if (n > 0 && n < count(labels, best)) {
                best = c;
            }
        }
        return best;
    }

    private static int count(int[] labels, int c) {
        int n = 0;
        for (int l : labels) {
            n += l == c ? 1 : 0;
        }
        return n;
    }

    /**
     * The last layer's inputs for (a bounded part of) the public sample: the honest model with its last
     * layer set, slice by slice, to read C features at a time as logits; then the layer is restored.
     */
    private static float[][] features(ServerSetup setup, NDArray weight, NDArray bias) {
        ServerSetup.PublicSample sample = setup.publicData().get();
        int values = (int) setup.imageShape().size();
        int n = Math.min(200, sample.count());
        int classes = (int) weight.getShape().get(0);
        int features = (int) weight.getShape().get(1);
        float[] oldW = host(weight);
        float[] oldB = host(bias);
        float[][] out = new float[n][features];
        try (NDManager scope = setup.manager().newSubManager()) {
            NDArray x = OwnedArrays.of(scope, Arrays.copyOf(sample.images(), n * values),
                    new Shape(n, setup.imageShape().get(0), setup.imageShape().get(1), setup.imageShape().get(2)));
            GiaModel.setValues(bias, new float[classes]);
            for (int start = 0; start < features; start += classes) {
                float[] w = new float[classes * features];
                for (int c = 0; c < classes && start + c < features; c++) {
                    w[c * features + start + c] = 1f;
                }
                GiaModel.setValues(weight, w);
                float[] logits = setup.honest().forward(x).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < classes && start + c < features; c++) {
                        out[i][start + c] = logits[i * classes + c];
                    }
                }
            }
        } finally {
            GiaModel.setValues(weight, oldW);
            GiaModel.setValues(bias, oldB);
        }
        return out;
    }

    /** The feature whose 1/k-quantile cut lets the fewest other-class public images through. */
    private static int[] chooseFeature(float[][] feats, int[] labels, int target, double q) {
        int features = feats.length == 0 ? 0 : feats[0].length;
        int best = 0;
        double bestLeak = Double.POSITIVE_INFINITY;
        for (int f = 0; f < features; f++) {
            double cut = quantileOfClass(feats, labels, target, f, q);
            int above = 0;
            int others = 0;
            for (int i = 0; i < feats.length; i++) {
                if (labels[i] != target) {
                    others++;
                    above += feats[i][f] > cut ? 1 : 0;
                }
            }
            double leak = others == 0 ? 0 : (double) above / others;
            if (leak < bestLeak) {
                bestLeak = leak;
                best = f;
            }
        }
        return new int[] {best};
    }

    private static double spread(float[][] feats, int f) {
        double mean = 0;
        for (float[] x : feats) {
            mean += x[f];
        }
        mean /= Math.max(1, feats.length);
        double var = 0;
        for (float[] x : feats) {
            var += (x[f] - mean) * (x[f] - mean);
        }
        return Math.sqrt(var / Math.max(1, feats.length - 1));
    }

    private static double quantileOfClass(float[][] feats, int[] labels, int target, int f, double p) {
        double[] v = new double[feats.length];
        int n = 0;
        for (int i = 0; i < feats.length; i++) {
            if (labels[i] == target) {
                v[n++] = feats[i][f];
            }
        }
        if (n == 0) {
            return 0;
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        // Midway between the order statistics around the quantile, so that no public image sits on the cut.
        double pos = p * n;
        int hi = Math.min(n - 1, (int) Math.ceil(pos));
        int lo = Math.max(0, hi - 1);
        return (v[lo] + v[hi]) / 2;
    }

    private static float[] host(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
