package org.giaworkbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.GiaException;

/**
 * The small ImageNet and CelebA samples shipped inside the jar (see the PROVENANCE.md files under
 * {@code bundled/imagenet} and {@code bundled/celeba}): 25 ImageNet photographs of 25 classes with their
 * standard 1,000-class labels, and 22 CelebA faces of 22 identities labelled by identity (10,177 classes).
 */
public final class BundledImageSets {

    private static final String ROOT = "/org/giaworkbench/data/bundled/";

    private BundledImageSets() {
    }

    public static Dataset imagenet(int resolution) {
        List<String> names = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            names.add("class " + i);
        }
        List<ImageListDataset.Source> sources = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : text(ROOT + "imagenet/index.txt").split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.strip().split(" ");
            int label = Integer.parseInt(p[1]);
            names.set(label, p[2] + " " + p[3].replace('_', ' '));
            sources.add(resource("imagenet/" + p[0]));
            labels.add(label);
        }
        return new ImageListDataset("bundled ImageNet sample", resolution, names, sources,
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    public static Dataset celeba(int resolution) {
        List<ImageListDataset.Source> sources = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (CelebADataset.Entry e : CelebADataset.parse(text(ROOT + "celeba/identity_CelebA.txt"), "bundled identity_CelebA.txt")) {
            sources.add(resource("celeba/img_align_celeba/" + e.file()));
            labels.add(e.identity() - 1);
        }
        return new ImageListDataset("bundled CelebA sample", resolution, CelebADataset.identityNames(CelebADataset.ALL_IDENTITIES),
                sources, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static ImageListDataset.Source resource(String relative) {
        String path = ROOT + relative;
        return new ImageListDataset.Source("bundled " + relative, () -> {
            InputStream in = BundledImageSets.class.getResourceAsStream(path);
            if (in == null) {
                throw new IOException("missing bundled resource " + path + " (rebuild the jar)");
            }
            return in;
        });
    }

    private static String text(String path) {
        try (InputStream in = BundledImageSets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new GiaException(GiaException.Kind.INTERNAL, "bundled resource " + path + " is missing",
                        "the jar is incomplete: rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GiaException(GiaException.Kind.INTERNAL, "cannot read " + path + ": " + e.getMessage(), "rebuild the jar", e);
        }
    }
}
