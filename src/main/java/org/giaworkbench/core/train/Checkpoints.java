package org.giaworkbench.core.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.SpecJson;

/**
 * Where trained weights live. One folder per architecture, activation and dataset,
 * {@code <root>/<arch>-<activation>-<dataset>/}, holds {@code epoch-<k>.npz} after each completed
 * epoch and {@code training.json} (settings, loss and accuracy per epoch). The root is
 * {@code ~/.gia-workbench/checkpoints}, or the system property {@code gia.checkpoints}, or the
 * environment variable {@code GIA_CHECKPOINTS}. A spec names a checkpoint as
 * {@code model.weights=trained:K}: the weights after K epochs.
 */
public final class Checkpoints {

    public static final String PREFIX = "trained:";
    public static final String HISTORY = "training.json";
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d+)\\.npz");

    private Checkpoints() {
    }

    /** The root folder of all default checkpoint folders. */
    public static Path root() {
        String p = System.getProperty("gia.checkpoints");
        if (p == null || p.isBlank()) {
            p = System.getenv("GIA_CHECKPOINTS");
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        return Path.of(System.getProperty("user.home"), ".gia-workbench", "checkpoints");
    }

    /**
     * A short, file-name-safe name of a dataset: {@code bundled-cifar10}, {@code cifar10-<folder>},
     * {@code image-folder-<folder>}, with {@code -<n>px} unless the resolution is 32.
     */
    public static String datasetKey(DataSpec data) {
        String source = data.source() == null ? "bundled-cifar10" : data.source();
        String key = source;
        if (!source.equals("bundled-cifar10") && data.path() != null && !data.path().isBlank()) {
            Path name = Path.of(data.path()).toAbsolutePath().normalize().getFileName();
            key += "-" + (name == null ? "root" : name.toString());
        }
        if (data.resolution() != 32) {
            key += "-" + data.resolution() + "px";
        }
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    }

    /** The default folder for a model (resolved activation id, never "default") trained on {@code data}. */
    public static Path folder(String arch, String activation, DataSpec data) {
        return root().resolve(arch + "-" + activation + "-" + datasetKey(data));
    }

    public static Path epochFile(Path folder, int epoch) {
        return folder.resolve("epoch-" + epoch + ".npz");
    }

    /** The epochs with a checkpoint in {@code folder}, ascending; empty if the folder does not exist. */
    public static List<Integer> epochs(Path folder) {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "epoch-*.npz")) {
            for (Path f : files) {
                Matcher m = EPOCH_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    public static boolean isTrained(String weights) {
        return weights != null && weights.startsWith(PREFIX);
    }

    public static String weightsName(int epoch) {
        return PREFIX + epoch;
    }

    /** K of {@code trained:K}. */
    public static int parseEpoch(String weights) {
        String k = weights.substring(PREFIX.length()).trim();
        try {
            int epoch = Integer.parseInt(k);
            if (epoch >= 1) {
                return epoch;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw GiaException.badInput("model.weights='" + weights + "' names no epoch",
                "write trained:K with K >= 1, e.g. trained:5");
    }

    /** Removes the checkpoints and history a previous training left in {@code folder} (nothing else). */
    public static void clear(Path folder) throws IOException {
        for (int k : epochs(folder)) {
            Files.deleteIfExists(epochFile(folder, k));
        }
        Files.deleteIfExists(folder.resolve(HISTORY));
    }

    /** Writes {@code training.json}: the settings and one row per completed epoch. */
    public static void writeHistory(Path folder, TrainingResult r) throws IOException {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.put("status", r.status() == null ? "running" : r.status().name().toLowerCase(Locale.ROOT));
        root.put("message", r.message());
        root.set("spec", SpecJson.mapper().valueToTree(r.spec()));
        root.put("trainImages", r.trainImages());
        root.put("heldOutImages", r.heldOutImages());
        root.put("parameters", r.parameterCount());
        root.put("seconds", r.seconds());
        ArrayNode rows = root.putArray("epochs");
        List<EpochStats> all = new ArrayList<>();
        if (r.start() != null) {
            all.add(r.start());
        }
        all.addAll(r.epochs());
        for (EpochStats e : all) {
            ObjectNode row = rows.addObject();
            row.put("epoch", e.epoch());
            putNumber(row, "trainLoss", e.trainLoss());
            putNumber(row, "trainAccuracy", e.trainAccuracy());
            putNumber(row, "heldOutLoss", e.heldOutLoss());
            putNumber(row, "heldOutAccuracy", e.heldOutAccuracy());
            row.put("seconds", e.seconds());
            if (e.checkpoint() != null) {
                row.put("checkpoint", Path.of(e.checkpoint()).getFileName().toString());
            }
        }
        Path tmp = folder.resolve(HISTORY + ".tmp");
        Files.writeString(tmp, SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve(HISTORY), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }
}
