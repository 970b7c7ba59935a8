package org.giaworkbench.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.giaworkbench.core.GiaException;

/**
 * A folder of images with one sub-folder per class, like torchvision's {@code ImageFolder}: the
 * class names are the sub-folder names in sorted order, and every jpg/jpeg/png/bmp/gif file below a
 * class folder (any depth, any case of extension) is an image of that class, in sorted path order.
 *
 * <p>Images of any size and colour model are converted to RGB (alpha is dropped) and brought to
 * {@code resolution x resolution} with {@link ImageResizer#resizeAndCenterCrop}: the torchvision
 * {@code Resize(resolution)} + {@code CenterCrop(resolution)} convention.
 *
 * <p>Opening checks every file with {@link ImageFileCheck} (cheap: most are not decoded): a file that will
 * not decode (a truncated JPEG, a text file named x.jpg) is skipped with a warning in the log and in
 * {@link #description()}, and a class folder left without a readable image is refused, since an empty class
 * would shift the labels of the classes after it. Decoding happens on first use; a file that cannot be
 * decoded then fails, naming the file. Decoded images are kept in a bounded LRU cache.
 */
public final class ImageFolderDataset implements Dataset {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");
    /** How many skipped files {@link #description()} names; the log names them all. */
    private static final int SKIPPED_NAMED = 3;
    private static final System.Logger LOG = System.getLogger(ImageFolderDataset.class.getName());

    private final Path root;
    private final int resolution;
    private final List<String> classNames;
    private final Path[] files;
    private final int[] labels;
    private final List<Path> skipped;
    private final DecodedImageCache cache;

    private ImageFolderDataset(Path root, int resolution, List<String> classNames, List<Path> files, List<Integer> labels,
                               List<Path> skipped) {
        this.root = root;
        this.resolution = resolution;
        this.classNames = List.copyOf(classNames);
        this.files = files.toArray(new Path[0]);
        this.labels = labels.stream().mapToInt(Integer::intValue).toArray();
        this.skipped = List.copyOf(skipped);
        this.cache = new DecodedImageCache(resolution, i -> load(this.files[i], resolution));
    }

    /**
     * Indexes {@code root}, skipping files that will not decode (see the class comment); images will be
     * {@code 3 x resolution x resolution}.
     */
    public static ImageFolderDataset open(Path root, int resolution) {
        if (resolution < 1) {
            throw GiaException.badInput("image resolution " + resolution + " is not positive",
                    "give the square image size in pixels, e.g. 32 or 224");
        }
        if (root == null || !Files.isDirectory(root)) {
            throw GiaException.badInput("image folder " + root + " does not exist or is not a folder",
                    "give a folder with one sub-folder per class, each holding that class's images");
        }
        List<Path> classDirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(classDirs::add);
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot list " + root + ": " + e.getMessage(),
                    "check that the folder is readable", e);
        }
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<String> unreadableOnly = new ArrayList<>();
        for (Path dir : classDirs) {
            int label = names.size();
            names.add(dir.getFileName().toString());
            List<Path> images = imagesUnder(dir);
            if (images.isEmpty()) {
                empty.add(dir.getFileName().toString());
            }
            List<String> unreadable = new ArrayList<>();
            for (Path p : images) {
                Optional<String> problem = ImageFileCheck.problem(p);
                if (problem.isPresent()) {
                    skipped.add(p);
                    unreadable.add(dir.relativize(p) + " (" + problem.get() + ")");
                    LOG.log(System.Logger.Level.WARNING, "skipping " + p + ": " + problem.get());
                } else {
                    files.add(p);
                    labels.add(label);
                }
            }
            if (!images.isEmpty() && unreadable.size() == images.size()) {
                unreadableOnly.add(dir + ": " + String.join(", ", unreadable));
            }
        }
        if (files.isEmpty() && skipped.isEmpty()) {
            throw GiaException.badInput(root + " is not an image dataset: expected one sub-folder per class with images inside",
                    "put each class's jpg/png/bmp/gif images in a sub-folder named after the class");
        }
        if (!unreadableOnly.isEmpty()) {
            throw GiaException.badInput("no readable image in class folder " + String.join("; in class folder ", unreadableOnly),
                    "replace the unreadable files with jpg/png/bmp/gif images that open in an image viewer, "
                            + "or remove the folder");
        }
        if (!empty.isEmpty()) {
            // An empty class would still take a label number and shift every later class's meaning.
            throw GiaException.badInput(root + " has class folders without images: " + String.join(", ", empty),
                    "add images to them or remove them");
        }
        return new ImageFolderDataset(root, resolution, names, files, labels, skipped);
    }

    private static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageFolderDataset::isImage).sorted().toList();
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot list " + dir + ": " + e.getMessage(),
                    "check that the folder is readable", e);
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith(".")) {
            return false;
        }
        for (String ext : EXTENSIONS) {
            if (name.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    /** The file behind image {@code i}. */
    public Path file(int i) {
        return files[Objects.checkIndex(i, files.length)];
    }

    /** Files under the class folders that were left out because they will not decode, in path order. */
    public List<Path> skippedFiles() {
        return skipped;
    }

    @Override
    public String description() {
        return "image folder " + root + " (" + files.length + " images, " + classNames.size() + " classes, "
                + resolution + "x" + resolution + ")" + skippedNote();
    }

    /** The GUI shows the description, so the skipped files show there, not only in the log. */
    private String skippedNote() {
        if (skipped.isEmpty()) {
            return "";
        }
        String named = skipped.stream().limit(SKIPPED_NAMED).map(p -> root.relativize(p).toString())
                .collect(Collectors.joining(", "));
        int more = skipped.size() - SKIPPED_NAMED;
        return "; skipped " + skipped.size() + " unreadable file" + (skipped.size() == 1 ? "" : "s") + ": " + named
                + (more > 0 ? " and " + more + " more" : "");
    }

    @Override
    public int size() {
        return files.length;
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
        Objects.checkIndex(i, files.length);
        return cache.get(i);
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

    /** Decodes one file to RGB CHW in [0, 1] and brings it to {@code resolution} (resize shorter side, centre-crop). */
    static float[] load(Path file, int resolution) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot read image " + file + ": " + e.getMessage(),
                    "replace or remove the file (it may be corrupt or in an unsupported encoding such as CMYK JPEG)", e);
        }
        if (img == null) {
            throw GiaException.badInput("cannot read image " + file + ": not a recognised jpg, png, bmp or gif",
                    "replace or remove the file");
        }
        return toChw(img, resolution);
    }

    /** RGB CHW in [0, 1] (alpha dropped), brought to {@code resolution} (resize shorter side, centre-crop). */
    static float[] toChw(BufferedImage img, int resolution) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] chw = new float[3 * plane];
        for (int k = 0; k < plane; k++) {
            int p = argb[k];
            chw[k] = ((p >> 16) & 0xFF) / 255f;
            chw[plane + k] = ((p >> 8) & 0xFF) / 255f;
            chw[2 * plane + k] = (p & 0xFF) / 255f;
        }
        if (w == resolution && h == resolution) {
            return chw;
        }
        return ImageResizer.resizeAndCenterCrop(chw, 3, h, w, resolution);
    }
}
