package org.giaworkbench.data;

import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * Draws attack batches with a controlled label mix (see {@link BatchRequest}).
 *
 * <p>With {@code sameLabel = k >= 2}, exactly {@code k} images share one label (the label of
 * {@code firstIndex} when given, else a class drawn among those with at least {@code k} images). The
 * other images take labels different from it and from each other; when there are more of them than
 * remaining classes, labels are dealt round-robin over a shuffled class order so that counts differ
 * by at most one, and the shared label is used again only when every other class has run out of
 * images. With {@code sameLabel} 0 or 1 all labels are dealt the same way. Images within a class
 * are drawn without replacement. The batch order is shuffled, except that {@code firstIndex}, when
 * given, is image 0. Everything comes from one {@link SplittableRandom} seeded with the request's
 * seed, so a request is reproducible.
 */
public final class BatchBuilder {

    // Values must not reference their dataset, or the weak keys would never be released.
    private static final Map<Dataset, int[][]> INDEX_CACHE = new WeakHashMap<>();

    private final Dataset dataset;
    /** Dataset indices of each class, ascending. */
    private final int[][] byLabel;
    private final int largestClass;

    /** Indexes the dataset by label (reads every label once). Prefer {@link #forDataset} to reuse the index. */
    public BatchBuilder(Dataset dataset) {
        this(dataset, indexByLabel(dataset));
    }

    private BatchBuilder(Dataset dataset, int[][] byLabel) {
        this.dataset = dataset;
        this.byLabel = byLabel;
        int largest = 0;
        for (int[] members : byLabel) {
            largest = Math.max(largest, members.length);
        }
        this.largestClass = largest;
    }

    private static int[][] indexByLabel(Dataset dataset) {
        int classes = dataset.numClasses();
        int[] counts = new int[classes];
        int n = dataset.size();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int l = dataset.label(i);
            if (l < 0 || l >= classes) {
                throw new IllegalStateException(dataset.description() + ": image " + i + " has label " + l
                        + " outside 0.." + (classes - 1));
            }
            labels[i] = l;
            counts[l]++;
        }
        int[][] byLabel = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byLabel[c] = new int[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < n; i++) {
            byLabel[labels[i]][fill[labels[i]]++] = i;
        }
        return byLabel;
    }

    /** A builder for {@code dataset}, sharing the label index between calls (cached while the dataset is alive). */
    public static BatchBuilder forDataset(Dataset dataset) {
        int[][] index;
        synchronized (INDEX_CACHE) {
            index = INDEX_CACHE.computeIfAbsent(dataset, BatchBuilder::indexByLabel);
        }
        return new BatchBuilder(dataset, index);
    }

    /** Shortcut for {@code forDataset(dataset).build(request)}. */
    public static LabeledBatch build(Dataset dataset, BatchRequest request) {
        return forDataset(dataset).build(request);
    }

    public Dataset dataset() {
        return dataset;
    }

    /** Number of images of class {@code label}. */
    public int classSize(int label) {
        return byLabel[label].length;
    }

    public LabeledBatch build(BatchRequest request) {
        validate(request);
        int batch = request.batchSize();
        int group = request.sameLabel() >= 2 ? request.sameLabel() : 0;
        Integer first = request.firstIndex();
        SplittableRandom rng = new SplittableRandom(request.seed());
        int classes = byLabel.length;

        // Per class: a pool of not-yet-used indices, consumed by partial Fisher-Yates.
        int[][] pool = new int[classes][];
        int[] used = new int[classes];
        List<Integer> chosen = new ArrayList<>(batch);
        if (first != null) {
            int l = dataset.label(first);
            pool[l] = poolWithout(byLabel[l], first);
            chosen.add(first);
        }

        int shared = -1;
        if (group > 0) {
            shared = first != null ? dataset.label(first) : pickSharedClass(group, rng);
            int need = group - (first != null ? 1 : 0);
            drawFrom(shared, need, pool, used, rng, chosen);
        }

        int rest = batch - chosen.size();
        // A forced first image outside any shared group already holds its class: count it as dealt once.
        int[] order = shuffledClasses(rng);
        int[] dealt = new int[classes];
        if (first != null && group == 0) {
            dealt[dataset.label(first)] = 1;
        }
        int[] take = new int[classes];
        while (rest > 0) {
            // Lowest dealt count among other classes with images left, so counts stay within one of each other.
            int best = -1;
            for (int c : order) {
                if (c == shared || remaining(c, pool, used) - take[c] <= 0) {
                    continue;
                }
                if (best < 0 || dealt[c] < dealt[best]) {
                    best = c;
                }
            }
            if (best < 0) {
                best = shared; // every other class is exhausted; validation guarantees images remain here
            }
            take[best]++;
            dealt[best]++;
            rest--;
        }
        for (int c : order) {
            if (take[c] > 0) {
                drawFrom(c, take[c], pool, used, rng, chosen);
            }
        }

        int[] indices = chosen.stream().mapToInt(Integer::intValue).toArray();
        // Shuffle so that the shared group is not always at the front; firstIndex stays at 0.
        int lo = first != null ? 1 : 0;
        for (int i = indices.length - 1; i > lo; i--) {
            int j = lo + rng.nextInt(i - lo + 1);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
        int[] labels = new int[batch];
        float[][] images = new float[batch][];
        for (int k = 0; k < batch; k++) {
            labels[k] = dataset.label(indices[k]);
            images[k] = dataset.image(indices[k]);
        }
        ImageBatch imageBatch = ImageBatch.of(dataset.channels(), dataset.height(), dataset.width(), images);
        return new LabeledBatch(imageBatch, labels, indices);
    }

    private void validate(BatchRequest r) {
        int n = dataset.size();
        if (r.batchSize() < 1) {
            throw GiaException.badInput("batch size " + r.batchSize() + " is less than 1", "use a batch size of 1 or more");
        }
        if (r.batchSize() > n) {
            throw GiaException.badInput("batch size " + r.batchSize() + " is larger than the dataset (" + n + " images)",
                    "use a batch size of at most " + n + " or a larger dataset");
        }
        if (r.sameLabel() < 0) {
            throw GiaException.badInput("same-label count " + r.sameLabel() + " is negative",
                    "use 0 or 1 for all-distinct labels, or k >= 2 for k images sharing one label");
        }
        if (r.sameLabel() > r.batchSize()) {
            throw GiaException.badInput("same-label count " + r.sameLabel() + " is larger than the batch size "
                    + r.batchSize(), "use a same-label count of at most the batch size");
        }
        if (r.firstIndex() != null && (r.firstIndex() < 0 || r.firstIndex() >= n)) {
            throw GiaException.badInput("first image index " + r.firstIndex() + " is outside the dataset (0.." + (n - 1) + ")",
                    "pick an image index between 0 and " + (n - 1) + ", or leave it empty");
        }
        if (r.sameLabel() >= 2) {
            if (r.sameLabel() > largestClass) {
                throw GiaException.badInput("same-label count " + r.sameLabel() + " is larger than every class (the largest has "
                        + largestClass + " images)", "use a same-label count of at most " + largestClass);
            }
            if (r.firstIndex() != null) {
                int l = dataset.label(r.firstIndex());
                if (r.sameLabel() > byLabel[l].length) {
                    throw GiaException.badInput("same-label count " + r.sameLabel() + " is larger than the class of image "
                                    + r.firstIndex() + " (" + byLabel[l].length + " images)",
                            "use a smaller same-label count or another first image");
                }
            }
        }
    }

    private int pickSharedClass(int group, SplittableRandom rng) {
        int[] eligible = new int[byLabel.length];
        int m = 0;
        for (int c = 0; c < byLabel.length; c++) {
            if (byLabel[c].length >= group) {
                eligible[m++] = c;
            }
        }
        return eligible[rng.nextInt(m)];
    }

    private int[] shuffledClasses(SplittableRandom rng) {
        int[] order = new int[byLabel.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private int remaining(int c, int[][] pool, int[] used) {
        int total = pool[c] != null ? pool[c].length : byLabel[c].length;
        return total - used[c];
    }

    private void drawFrom(int c, int k, int[][] pool, int[] used, SplittableRandom rng, List<Integer> out) {
        if (pool[c] == null) {
            pool[c] = byLabel[c].clone();
        }
        int[] p = pool[c];
        for (int t = 0; t < k; t++) {
            int i = used[c]++;
            int j = i + rng.nextInt(p.length - i);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
            out.add(p[i]);
        }
    }

    private static int[] poolWithout(int[] indices, int skip) {
        int[] out = new int[indices.length - 1];
        int k = 0;
        for (int v : indices) {
            if (v != skip) {
                out[k++] = v;
            }
        }
        return out;
    }
}
