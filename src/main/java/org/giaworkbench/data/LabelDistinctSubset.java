package org.giaworkbench.data;

import java.util.Arrays;
import java.util.List;
import org.giaworkbench.core.GiaException;

/**
 * The survey's evaluation subset (Section III-A): a fixed set of {@code n} images (64 there) in which no
 * two share a label where the dataset has enough classes; with fewer classes, labels repeat as evenly
 * as possible. Drawn once by {@link BatchBuilder} with all-distinct labels and seed 0, so the subset is
 * the same for every batch seed; batches are then drawn from it. A view: images are read from the
 * underlying dataset, which keeps its class list (labels mean the same).
 */
public final class LabelDistinctSubset implements Dataset {

    /** Seed of the subset draw: fixed, so that data.seed only varies the batch taken from the subset. */
    static final long SUBSET_SEED = 0;

    private final Dataset base;
    private final int[] indices;

    private LabelDistinctSubset(Dataset base, int[] indices) {
        this.base = base;
        this.indices = indices;
    }

    public static LabelDistinctSubset of(Dataset base, int n) {
        if (n < 1) {
            throw GiaException.badInput("data.subset must be at least 1, got " + n, "use 64 for the survey's protocol, or 0 for none");
        }
        if (n > base.size()) {
            throw GiaException.badInput("data.subset " + n + " is larger than the dataset (" + base.size() + " images)",
                    "use a subset of at most " + base.size() + " images");
        }
        int[] picked = BatchBuilder.forDataset(base).build(new BatchRequest(n, 0, SUBSET_SEED, null)).datasetIndices().clone();
        Arrays.sort(picked);
        return new LabelDistinctSubset(base, picked);
    }

    /** Index in the underlying dataset of subset image {@code i}. */
    public int baseIndex(int i) {
        return indices[i];
    }

    @Override
    public String description() {
        return base.description() + ", subset of " + indices.length + " with distinct labels where possible";
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public int label(int i) {
        return base.label(indices[i]);
    }

    @Override
    public float[] image(int i) {
        return base.image(indices[i]);
    }

    @Override
    public int channels() {
        return base.channels();
    }

    @Override
    public int height() {
        return base.height();
    }

    @Override
    public int width() {
        return base.width();
    }
}
