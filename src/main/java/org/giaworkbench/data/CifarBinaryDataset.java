package org.giaworkbench.data;

import org.giaworkbench.core.GiaException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dataset in the official CIFAR-10 or CIFAR-100 binary layout (see {@link CifarLayout}).
 * All records are held in one byte array (the largest official file is about 180 MB) and each
 * image is decoded, and resized if asked, only when requested.
 *
 * <p>Opens one {@code .bin} file or a directory of the official batch files: CIFAR-10
 * {@code data_batch_1.bin..data_batch_5.bin} (train) and {@code test_batch.bin} (test); CIFAR-100
 * {@code train.bin} and {@code test.bin}. Class names come from {@code batches.meta.txt} (CIFAR-10)
 * or {@code fine_label_names.txt} / {@code coarse_label_names.txt} (CIFAR-100) beside the data when
 * the file has exactly one name per class; otherwise they are "class 0", "class 1", ...
 */
public final class CifarBinaryDataset implements Dataset {

    /** Which official files a directory contributes; ignored when a single file is opened. */
    public enum Split {
        TRAIN, TEST, ALL;

        /** Parses "train", "test" or "all" (any case). */
        public static Split parse(String name) {
            for (Split s : values()) {
                if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return s;
                }
            }
            throw GiaException.badInput("unknown dataset split '" + name + "'", "use train, test or all");
        }
    }

    /**
     * Reading options.
     *
     * @param split       which files of a directory to read
     * @param granularity CIFAR-100 label choice
     * @param resolution  square output size in pixels; 0 or 32 keeps the native 32x32
     */
    public record Options(Split split, LabelGranularity granularity, int resolution) {
        public static final Options DEFAULT = new Options(Split.ALL, LabelGranularity.FINE, 0);

        public Options {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(granularity, "granularity");
            if (resolution < 0) {
                throw GiaException.badInput("resolution " + resolution + " is negative",
                        "give a positive image size in pixels, or 0 for the native 32");
            }
        }

        public Options withSplit(Split s) {
            return new Options(s, granularity, resolution);
        }

        public Options withGranularity(LabelGranularity g) {
            return new Options(split, g, resolution);
        }

        public Options withResolution(int r) {
            return new Options(split, granularity, r);
        }
    }

    private static final int NATIVE = 32;

    private final String description;
    private final CifarLayout layout;
    private final byte[] data;
    private final int size;
    private final int labelOffset;
    private final List<String> classNames;
    private final int resolution;

    private CifarBinaryDataset(String description, CifarLayout layout, byte[] data, Options options,
                               List<String> classNames) {
        this.description = description;
        this.layout = layout;
        this.data = data;
        this.size = data.length / layout.recordSize();
        this.labelOffset = layout.labelOffset(options.granularity());
        this.classNames = List.copyOf(classNames);
        this.resolution = options.resolution() == 0 ? NATIVE : options.resolution();
    }

    /** Opens a file or directory with the default options (all splits, fine labels, 32x32). */
    public static CifarBinaryDataset open(Path path, CifarLayout layout) {
        return open(path, layout, Options.DEFAULT);
    }

    /** Opens a single {@code .bin} file or a directory of official batch files. */
    public static CifarBinaryDataset open(Path path, CifarLayout layout, Options options) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(options, "options");
        if (path == null || !Files.exists(path)) {
            throw GiaException.badInput("dataset " + path + " does not exist",
                    "give the path of a CIFAR .bin file or of the folder that holds the batch files");
        }
        List<Path> files = Files.isDirectory(path) ? batchFiles(path, layout, options.split()) : List.of(path);
        long total = 0;
        for (Path f : files) {
            total += checkedLength(f, layout);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw GiaException.badInput(path + " holds " + total + " bytes, more than one array can take",
                    "open the train and test files separately");
        }
        byte[] all = new byte[(int) total];
        int at = 0;
        for (Path f : files) {
            int len = (int) checkedLength(f, layout);
            try (InputStream in = Files.newInputStream(f)) {
                int got = in.readNBytes(all, at, len);
                if (got != len) {
                    throw GiaException.badInput("cannot read " + f + ": it shrank while being read",
                            "make sure nothing writes to the file");
                }
            } catch (IOException e) {
                throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot read " + f + ": " + e.getMessage(),
                        "check that the file is readable", e);
            }
            validateLabels(all, at, len, f.toString(), layout);
            at += len;
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        List<String> names = classNamesBeside(dir, layout, options.granularity());
        String what = layout.displayName() + " binary " + path
                + (Files.isDirectory(path) ? " [" + options.split().name().toLowerCase(Locale.ROOT) + "]" : "");
        return new CifarBinaryDataset(what, layout, all, options, names);
    }

    /**
     * Wraps records already in memory. The array is kept, not copied: the caller must not change it.
     *
     * @param source     name for messages and the description (a file name or resource path)
     * @param classNames class names in label order, or null for "class 0", "class 1", ...
     */
    public static CifarBinaryDataset fromBytes(byte[] data, String source, CifarLayout layout,
                                               List<String> classNames, Options options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(options, "options");
        checkLength(data.length, source, layout);
        validateLabels(data, 0, data.length, source, layout);
        int n = layout.numClasses(options.granularity());
        List<String> names = classNames != null && classNames.size() == n ? classNames : genericNames(n);
        return new CifarBinaryDataset(layout.displayName() + " binary " + source, layout, data, options, names);
    }

    /** Reads the whole stream (the caller closes it) and wraps it as {@link #fromBytes} does. */
    public static CifarBinaryDataset fromStream(InputStream in, String source, CifarLayout layout,
                                                List<String> classNames, Options options) {
        try {
            return fromBytes(in.readAllBytes(), source, layout, classNames, options);
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot read " + source + ": " + e.getMessage(),
                    "check that the data is readable", e);
        }
    }

    public CifarLayout layout() {
        return layout;
    }

    @Override
    public String description() {
        return description + " (" + size + " images" + (resolution != NATIVE ? ", resized to " + resolution : "") + ")";
    }

    @Override
    public int size() {
        return size;
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
        Objects.checkIndex(i, size);
        return data[i * layout.recordSize() + labelOffset] & 0xFF;
    }

    @Override
    public float[] image(int i) {
        Objects.checkIndex(i, size);
        int base = i * layout.recordSize() + layout.labelBytes();
        float[] chw = new float[CifarLayout.IMAGE_BYTES];
        for (int k = 0; k < chw.length; k++) {
            chw[k] = (data[base + k] & 0xFF) / 255f;
        }
        if (resolution == NATIVE) {
            return chw;
        }
        return ImageResizer.resizeAndCenterCrop(chw, 3, NATIVE, NATIVE, resolution);
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

    private static List<Path> batchFiles(Path dir, CifarLayout layout, Split split) {
        List<String> wanted = new ArrayList<>();
        if (split != Split.TEST) {
            if (layout == CifarLayout.CIFAR10) {
                for (int k = 1; k <= 5; k++) {
                    wanted.add("data_batch_" + k + ".bin");
                }
            } else {
                wanted.add("train.bin");
            }
        }
        if (split != Split.TRAIN) {
            wanted.add(layout == CifarLayout.CIFAR10 ? "test_batch.bin" : "test.bin");
        }
        List<Path> found = new ArrayList<>();
        for (String name : wanted) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw GiaException.badInput(dir + " has no " + layout.displayName() + " batch files for split "
                            + split.name().toLowerCase(Locale.ROOT),
                    "expected " + String.join(", ", wanted) + " (the official binary release), or open a .bin file directly");
        }
        return found;
    }

    private static long checkedLength(Path f, CifarLayout layout) {
        if (!Files.isRegularFile(f)) {
            throw GiaException.badInput("dataset file " + f + " does not exist or is not a file",
                    "give the path of a CIFAR .bin file");
        }
        long len;
        try {
            len = Files.size(f);
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot read " + f + ": " + e.getMessage(),
                    "check that the file is readable", e);
        }
        checkLength(len, f.toString(), layout);
        return len;
    }

    private static void checkLength(long len, String source, CifarLayout layout) {
        int rec = layout.recordSize();
        if (len == 0 || len % rec != 0) {
            throw GiaException.badInput(source + " is not a " + layout.displayName() + " binary file: " + len
                            + " bytes is not a multiple of the " + rec + "-byte record",
                    len % CifarLayout.CIFAR10.recordSize() == 0 && len > 0 && layout != CifarLayout.CIFAR10
                            ? "it looks like CIFAR-10: choose the CIFAR-10 layout"
                            : len % CifarLayout.CIFAR100.recordSize() == 0 && len > 0 && layout != CifarLayout.CIFAR100
                            ? "it looks like CIFAR-100: choose the CIFAR-100 layout"
                            : "the file is truncated or in another format (the Python pickle release is not supported)");
        }
    }

    // Checked once at load so that a wrong layout fails now, not in the middle of an attack.
    private static void validateLabels(byte[] data, int from, int len, String source, CifarLayout layout) {
        int rec = layout.recordSize();
        int records = len / rec;
        for (int r = 0; r < records; r++) {
            int base = from + r * rec;
            if (layout == CifarLayout.CIFAR10) {
                checkLabel(data[base] & 0xFF, 10, "label", r, source, layout);
            } else {
                checkLabel(data[base] & 0xFF, 20, "coarse label", r, source, layout);
                checkLabel(data[base + 1] & 0xFF, 100, "fine label", r, source, layout);
            }
        }
    }

    private static void checkLabel(int value, int limit, String what, int record, String source, CifarLayout layout) {
        if (value >= limit) {
            throw GiaException.badInput(source + " is not a " + layout.displayName() + " binary file: record " + record
                            + " has " + what + " " + value + ", expected 0.." + (limit - 1),
                    layout == CifarLayout.CIFAR10 ? "if it is CIFAR-100 data, choose the CIFAR-100 layout"
                            : "if it is CIFAR-10 data, choose the CIFAR-10 layout");
        }
    }

    private static List<String> classNamesBeside(Path dir, CifarLayout layout, LabelGranularity granularity) {
        int n = layout.numClasses(granularity);
        String file = layout == CifarLayout.CIFAR10 ? "batches.meta.txt"
                : granularity == LabelGranularity.FINE ? "fine_label_names.txt" : "coarse_label_names.txt";
        if (dir != null) {
            Path p = dir.resolve(file);
            if (Files.isRegularFile(p)) {
                try {
                    List<String> names = parseNames(Files.readString(p, StandardCharsets.UTF_8));
                    if (names.size() == n) {
                        return names;
                    }
                } catch (IOException | RuntimeException e) {
                    // A broken names file is not worth failing the dataset for: fall back to numbers.
                }
            }
        }
        return genericNames(n);
    }

    /** One name a line; blank lines (the official files end with some) are skipped. */
    static List<String> parseNames(String text) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                names.add(t);
            }
        }
        return names;
    }

    static List<String> genericNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            names.add("class " + k);
        }
        return names;
    }
}
