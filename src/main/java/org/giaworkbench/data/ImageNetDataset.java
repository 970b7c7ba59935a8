package org.giaworkbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.giaworkbench.core.GiaException;

/**
 * ImageNet images named by WordNet id, in either layout:
 * <ul>
 *   <li>class folders {@code root/n01440764/*.JPEG} (the ILSVRC train/val layout), or</li>
 *   <li>flat files {@code root/n01440764_tench.JPEG} (the WordNet id, an underscore, anything).</li>
 * </ul>
 * Labels: if {@code root} (or its parent) holds a class list in the standard order,
 * {@code LOC_synset_mapping.txt} or {@code synset_words.txt} (lines {@code "n01440764 tench, Tinca tinca"}),
 * the label is the standard 1,000-class index and the names come from it. Otherwise the label is the
 * index of the WordNet id among the sorted ids present, which <em>is</em> the standard index when all
 * 1,000 classes are present (the standard order is the sorted WordNet ids).
 */
public final class ImageNetDataset {

    static final Pattern WNID = Pattern.compile("n\\d{8}");
    private static final List<String> CLASS_LISTS = List.of("LOC_synset_mapping.txt", "synset_words.txt");

    private ImageNetDataset() {
    }

    public static Dataset open(Path root, int resolution) {
        if (root == null || !Files.isDirectory(root)) {
            throw GiaException.badInput("ImageNet folder " + root + " does not exist or is not a folder",
                    "give a folder of WordNet-id class folders (n01440764/...) or of files named n01440764_*.JPEG");
        }
        List<Path> files = new ArrayList<>();
        List<String> wnids = new ArrayList<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path p : top.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && WNID.matcher(name).matches()) {
                    try (Stream<Path> inner = Files.walk(p)) {
                        for (Path f : inner.filter(Files::isRegularFile).filter(ImageNetDataset::isImage).sorted().toList()) {
                            files.add(f);
                            wnids.add(name);
                        }
                    }
                } else if (Files.isRegularFile(p) && isImage(p) && name.length() > 9
                        && WNID.matcher(name.substring(0, 9)).matches()) {
                    files.add(p);
                    wnids.add(name.substring(0, 9));
                }
            }
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.BAD_INPUT, "cannot list " + root + ": " + e.getMessage(),
                    "check that the folder is readable", e);
        }
        if (files.isEmpty()) {
            throw GiaException.badInput(root + " has no ImageNet images: no WordNet-id folders (n01440764/) and no files "
                    + "named n01440764_*.JPEG", "for other folder layouts choose the image-folder source");
        }
        List<String> standard = standardClasses(root);
        List<String> classNames = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        if (standard != null) {
            for (String line : standard) {
                index.put(line.substring(0, 9), classNames.size());
                classNames.add(line);
            }
        } else {
            for (String w : new TreeSet<>(wnids)) {
                index.put(w, classNames.size());
                classNames.add(w);
            }
        }
        int[] labels = new int[files.size()];
        List<ImageListDataset.Source> sources = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            Integer label = index.get(wnids.get(i));
            if (label == null) {
                throw GiaException.badInput(files.get(i) + ": WordNet id " + wnids.get(i) + " is not in the class list of "
                        + root, "fix the class list or remove the image");
            }
            labels[i] = label;
            Path f = files.get(i);
            sources.add(new ImageListDataset.Source(f.toString(), () -> Files.newInputStream(f)));
        }
        String how = standard != null ? "standard class index" : "sorted WordNet ids";
        return new ImageListDataset("ImageNet " + root + ", " + how, resolution, classNames, sources, labels);
    }

    /** Lines {@code "<wnid> <names>"} of a standard-order class list next to the data, or null. */
    private static List<String> standardClasses(Path root) {
        for (Path dir : new Path[] {root, root.toAbsolutePath().getParent()}) {
            if (dir == null) {
                continue;
            }
            for (String name : CLASS_LISTS) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    try {
                        List<String> lines = Files.readAllLines(f).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
                        for (String l : lines) {
                            if (l.length() < 9 || !WNID.matcher(l.substring(0, 9)).matches()) {
                                throw GiaException.badInput(f + " is not a class list: line '" + l + "' does not start with a WordNet id",
                                        "each line must read like 'n01440764 tench, Tinca tinca'");
                            }
                        }
                        return lines;
                    } catch (IOException e) {
                        throw GiaException.badInput("cannot read " + f + ": " + e.getMessage(), "");
                    }
                }
            }
        }
        return null;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png"));
    }
}
