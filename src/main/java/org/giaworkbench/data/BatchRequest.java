package org.giaworkbench.data;

/**
 * What batch to draw from a dataset.
 *
 * @param batchSize  number of images, at least 1
 * @param sameLabel  how many images share one label (the survey's "# same label" factor); 0 or 1
 *                   means all labels distinct as far as the dataset's classes allow
 * @param seed       seed of the draw: the same request on the same dataset gives the same batch
 * @param firstIndex dataset index forced to be image 0 of the batch, or null for a free draw
 */
public record BatchRequest(int batchSize, int sameLabel, long seed, Integer firstIndex) {

    /** A free draw with all labels distinct where possible. */
    public static BatchRequest of(int batchSize, long seed) {
        return new BatchRequest(batchSize, 0, seed, null);
    }
}
