package org.giaworkbench.compute.gradsim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimReport;
import org.giaworkbench.core.gradsim.GradSimRequest;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * Cosine similarities between the FedSGD gradients of single images and of batches (the survey's
 * Table II: more images sharing a label make the batch gradient look like one image's; Fig. 4: a trained
 * model's gradients are more alike). See {@link GradSimReport} for the batches. Runs on the compute thread.
 */
public final class GradientSimilarity {

    private GradientSimilarity() {
    }

    /** The normalisation named as in {@code data.normalization}. */
    public static Normalization normalization(String name) {
        return switch (name == null ? "cifar10" : name) {
            case "cifar10" -> Normalization.CIFAR10;
            case "imagenet" -> Normalization.IMAGENET;
            case "none" -> Normalization.NONE;
            default -> throw GiaException.badInput("unknown normalization '" + name + "'", "choose cifar10, imagenet or none");
        };
    }

    /** The whole study: images from {@code dataset}, one model per requested state. */
    public static GradSimReport run(GradSimRequest request, Dataset dataset, Normalization normalization,
                                    GradientOracle oracle, NDManager base) {
        int n = request.batch();
        for (int k : request.ks()) {
            if (k < 1) {
                throw GiaException.badInput("k must be at least 1, got " + k, "e.g. --k 1,2,4,8");
            }
        }
        if (request.label() < 0 || request.label() >= dataset.numClasses()) {
            throw GiaException.badInput("label " + request.label() + " is not a class of " + dataset.description(),
                    "use 0.." + (dataset.numClasses() - 1));
        }
        int[] indices = chooseImages(dataset, request.label(), n, request.seed());
        int c = dataset.channels();
        int h = dataset.height();
        int w = dataset.width();
        float[][] images = new float[indices.length][];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            images[i] = normalization.normalize(dataset.image(indices[i]), c, h, w);
            labels[i] = dataset.label(indices[i]);
        }
        List<GradSimReport.ModelRow> rows = new ArrayList<>();
        int[] ks = request.ks().stream().mapToInt(Integer::intValue).toArray();
        for (String weights : request.weights()) {
            try (NDManager m = base.newSubManager()) {
                ModelSpec spec = new ModelSpec(request.arch(), request.activation(), weights, request.seed(), "eval", null);
                GiaModel model = ModelFactory.build(spec, dataset.numClasses(), c, h, m);
                rows.add(row(weights, model, images, labels, n, ks, oracle, m));
            }
        }
        return new GradSimReport(request, indices, rows);
    }

    /**
     * One model's row. {@code images[0..n-1]} share the anchor's label ({@code images[0]} is the anchor);
     * {@code images[n..]} are the other-class images (at least {@code n-1}), all normalised CHW.
     */
    public static GradSimReport.ModelRow row(String name, GiaModel model, float[][] images, int[] labels, int n, int[] ks,
                                             GradientOracle oracle, NDManager manager) {
        float[][] single = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            single[i] = gradient(model, new float[][] {images[i]}, new int[] {labels[i]}, oracle, manager);
        }
        double[] anchorVsBatch = new double[ks.length];
        for (int t = 0; t < ks.length; t++) {
            int k = ks[t];
            float[][] batch = new float[n][];
            int[] batchLabels = new int[n];
            for (int i = 0; i < n; i++) {
                int src = i < k ? i : n + (i - k);
                batch[i] = images[src];
                batchLabels[i] = labels[src];
            }
            anchorVsBatch[t] = cosine(single[0], gradient(model, batch, batchLabels, oracle, manager));
        }
        float[][] same = java.util.Arrays.copyOf(images, n);
        float[] full = gradient(model, same, java.util.Arrays.copyOf(labels, n), oracle, manager);
        double[] imageVsFull = new double[n];
        for (int i = 0; i < n; i++) {
            imageVsFull[i] = cosine(single[i], full);
        }
        int[] sameIdx = new int[n];
        for (int i = 0; i < n; i++) {
            sameIdx[i] = i;
        }
        int[] otherIdx = new int[images.length - n + 1];
        for (int i = 0; i < otherIdx.length; i++) {
            otherIdx[i] = i == 0 ? 0 : n + i - 1;
        }
        return new GradSimReport.ModelRow(name, ks.clone(), anchorVsBatch, imageVsFull, meanPairwise(single, sameIdx),
                meanPairwise(single, otherIdx));
    }

    /** The flattened gradient the client would send for {@code images} (normalised CHW) and labels. */
    public static float[] gradient(GiaModel model, float[][] images, int[] labels, GradientOracle oracle, NDManager manager) {
        Shape in = model.inputShape();
        int size = images[0].length;
        float[] data = new float[images.length * size];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, data, i * size, size);
        }
        try (NDManager step = manager.newSubManager()) {
            long[] dims = in.getShape().clone();
            dims[0] = images.length;
            NDArray x = OwnedArrays.of(step, data, new Shape(dims));
            List<NDArray> grads = FedSgdClient.gradient(model, x, labels, oracle, step);
            int total = 0;
            List<float[]> parts = new ArrayList<>(grads.size());
            for (NDArray g : grads) {
                float[] p = g.toFloatArray();
                parts.add(p);
                total += p.length;
            }
            float[] flat = new float[total];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, flat, at, p.length);
                at += p.length;
            }
            return flat;
        }
    }

    /** Cosine similarity of two vectors (double accumulation); NaN if either is zero. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " values");
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? Double.NaN : dot / Math.sqrt(na * nb);
    }

    private static double meanPairwise(float[][] grads, int[] idx) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < idx.length; i++) {
            for (int j = i + 1; j < idx.length; j++) {
                sum += cosine(grads[idx[i]], grads[idx[j]]);
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /**
     * Dataset indices: n images of {@code label} (seeded choice, anchor first), then n-1 images of other
     * classes, one per class in the order label+1, label+2, ... (cycling when there are fewer classes).
     */
    static int[] chooseImages(Dataset dataset, int label, int n, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < dataset.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < dataset.size(); i++) {
            byClass.get(dataset.label(i)).add(i);
        }
        Random rnd = new Random(seed);
        for (List<Integer> l : byClass) {
            java.util.Collections.shuffle(l, rnd);
        }
        if (byClass.get(label).size() < n) {
            throw GiaException.badInput("class " + label + " has " + byClass.get(label).size() + " images, " + n + " needed",
                    "use a smaller k");
        }
        if (dataset.numClasses() < 2 && n > 1) {
            throw GiaException.badInput("the dataset has one class; batches need other-class images", "use k=1");
        }
        int[] out = new int[2 * n - 1];
        for (int i = 0; i < n; i++) {
            out[i] = byClass.get(label).get(i);
        }
        int[] used = new int[dataset.numClasses()];
        int c = label;
        for (int i = 0; i < n - 1; i++) {
            do {
                c = (c + 1) % dataset.numClasses();
            } while (c == label || byClass.get(c).size() <= used[c]);
            out[n + i] = byClass.get(c).get(used[c]++);
        }
        return out;
    }
}
