package org.giaworkbench.core.spec;

/**
 * Where the attacked batch comes from and how it is built.
 *
 * @param source        {@code bundled-cifar10}, {@code cifar10}, {@code cifar100} or {@code image-folder}
 * @param path          a file or folder for every source but the bundled one
 * @param resolution    square side in pixels the images are brought to
 * @param batch         images in the client's batch
 * @param sameLabel     how many images of the batch share one label (0 or 1: all distinct where possible)
 * @param seed          seeds the choice of images
 * @param index         if set, this dataset image is the first of the batch
 * @param normalization {@code cifar10}, {@code imagenet} or {@code none}: what the model sees
 * @param subset        null or 0: batches come from the whole dataset; {@code n}: first a fixed subset of
 *                      {@code n} images with no two sharing a label where the dataset allows (the survey's
 *                      protocol: 64), drawn once with seed 0, then batches come from that subset
 */
public record DataSpec(String source, String path, int resolution, int batch, int sameLabel, long seed,
                       Integer index, String normalization, Integer subset) {

    /** Without a subset (the whole dataset). */
    public DataSpec(String source, String path, int resolution, int batch, int sameLabel, long seed,
                    Integer index, String normalization) {
        this(source, path, resolution, batch, sameLabel, seed, index, normalization, null);
    }

    /** The survey's evaluation subset: 64 images, no two sharing a label where the dataset allows. */
    public static final int SURVEY_SUBSET = 64;

    public static DataSpec defaults() {
        return new DataSpec("bundled-cifar10", null, 32, 1, 0, 0, null, "cifar10", null);
    }
}
