package org.giaworkbench.plugin.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A FedAvg client's local training, as the client runs it or as the server assumes it: {@code epochs}
 * passes over the client's n images in order, in mini-batches of {@code batch} (the last one of an
 * epoch may be smaller; 0 means all n at once), each a plain SGD step {@code w <- w - lr * grad}.
 * So there are {@code epochs * ceil(n / batch)} steps.
 */
public record LocalTraining(int epochs, int batch, double lr) {

    public LocalTraining {
        if (epochs < 1) {
            throw new IllegalArgumentException("local epochs must be at least 1, got " + epochs);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("local batch must be 0 (whole batch) or more, got " + batch);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("local learning rate must be positive, got " + lr);
        }
    }

    /** The mini-batches of one epoch over {@code n} images, as [from, to) index pairs. */
    public List<int[]> miniBatches(int n) {
        int b = batch == 0 ? n : Math.min(batch, n);
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += b) {
            out.add(new int[] {from, Math.min(n, from + b)});
        }
        return out;
    }

    /** SGD steps over {@code n} images: E * ceil(n / B). */
    public int steps(int n) {
        return epochs * miniBatches(n).size();
    }

    @Override
    public String toString() {
        return "E=" + epochs + " B=" + (batch == 0 ? "all" : Integer.toString(batch)) + " eta=" + lr;
    }
}
