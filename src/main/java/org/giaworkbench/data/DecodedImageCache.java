package org.giaworkbench.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Decoded images of a file-backed dataset, kept least-recently-used within a memory budget, so that
 * drawing batches again does not decode the same JPEGs again. Callers get copies: a batch may be
 * normalised in place.
 */
final class DecodedImageCache {

    /** About 256 MB of decoded floats, and never fewer than 16 images. */
    private static final long BUDGET_BYTES = 256L << 20;
    private static final int MAX_IMAGES = 4096;

    private final Map<Integer, float[]> images;
    private final IntFunction<float[]> decoder;

    DecodedImageCache(int resolution, IntFunction<float[]> decoder) {
        long perImage = 3L * resolution * resolution * Float.BYTES;
        int capacity = (int) Math.max(16, Math.min(MAX_IMAGES, BUDGET_BYTES / perImage));
        this.decoder = decoder;
        this.images = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    float[] get(int i) {
        float[] cached;
        synchronized (images) {
            cached = images.get(i);
        }
        if (cached == null) {
            // Decoded outside the lock: two threads may decode the same image once each, which is harmless.
            cached = decoder.apply(i);
            synchronized (images) {
                images.put(i, cached);
            }
        }
        return cached.clone();
    }
}
