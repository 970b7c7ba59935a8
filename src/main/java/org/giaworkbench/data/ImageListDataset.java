package org.giaworkbench.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.giaworkbench.core.GiaException;

/**
 * Images given as a list of openable sources (files or classpath resources) with their labels: the
 * common core of the ImageNet, CelebA and bundled readers. Decoding and resizing as in
 * {@link ImageFolderDataset} (torchvision Resize + CenterCrop), on first use, with a bounded cache.
 */
final class ImageListDataset implements Dataset {

    /** One image: a name for messages and a way to open its bytes. */
    record Source(String name, Opener opener) {
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }


    private final String description;
    private final int resolution;
    private final List<String> classNames;
    private final List<Source> sources;
    private final int[] labels;
    private final DecodedImageCache cache;

    ImageListDataset(String description, int resolution, List<String> classNames, List<Source> sources, int[] labels) {
        if (sources.size() != labels.length) {
            throw new IllegalArgumentException(sources.size() + " images, " + labels.length + " labels");
        }
        for (int l : labels) {
            if (l < 0 || l >= classNames.size()) {
                throw new IllegalArgumentException("label " + l + " outside 0.." + (classNames.size() - 1));
            }
        }
        this.description = description;
        this.resolution = resolution;
        this.classNames = List.copyOf(classNames);
        this.sources = List.copyOf(sources);
        this.labels = labels.clone();
        this.cache = new DecodedImageCache(resolution, i -> decode(this.sources.get(i), resolution));
    }

    /** The name of image {@code i} (file name or resource), for logs and tests. */
    String name(int i) {
        return sources.get(i).name();
    }

    @Override
    public String description() {
        return description + " (" + sources.size() + " images, " + classNames.size() + " classes, " + resolution + "x"
                + resolution + ")";
    }

    @Override
    public int size() {
        return sources.size();
    }

    @Override
    public int numClasses() {
        return classNames.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)];
    }

    @Override
    public float[] image(int i) {
        Objects.checkIndex(i, labels.length);
        return cache.get(i);
    }

    private static float[] decode(Source source, int resolution) {
        BufferedImage img;
        try (InputStream in = source.opener().open()) {
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot read image " + source.name() + ": " + e.getMessage(),
                    "replace or remove the file (it may be corrupt or a CMYK JPEG)", e);
        }
        if (img == null) {
            throw GiaException.badInput("cannot read image " + source.name() + ": not a recognised jpg, png, bmp or gif",
                    "replace or remove the file");
        }
        return ImageFolderDataset.toChw(img, resolution);
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int height() {
        return resolution;
    }

    @Override
    public int width() {
        return resolution;
    }
}
