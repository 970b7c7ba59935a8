package org.giaworkbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.GiaException;

/**
 * CelebA in its release layout: {@code root/img_align_celeba/000001.jpg ...} and
 * {@code root/identity_CelebA.txt} (lines {@code "000001.jpg 2880"}). As in the survey, only the images
 * of the first 1,000 identities are used and identity {@code k} has label {@code k - 1} (1,000 classes).
 * Images listed but absent from the folder are skipped (a partial download still opens).
 */
public final class CelebADataset {

    /** Identities the survey keeps. */
    public static final int SURVEY_IDENTITIES = 1000;
    /** Identities in the full CelebA release. */
    public static final int ALL_IDENTITIES = 10_177;

    private CelebADataset() {
    }

    /** {@code root} or its {@code img_align_celeba} sub-folder. */
    public static Dataset open(Path root, int resolution) {
        if (root != null && root.getFileName() != null && root.getFileName().toString().equals("img_align_celeba")
                && root.getParent() != null) {
            root = root.getParent();
        }
        if (root == null || !Files.isDirectory(root)) {
            throw GiaException.badInput("CelebA folder " + root + " does not exist or is not a folder",
                    "give the folder holding img_align_celeba/ and identity_CelebA.txt");
        }
        Path images = root.resolve("img_align_celeba");
        Path identities = root.resolve("identity_CelebA.txt");
        if (!Files.isDirectory(images) || !Files.isRegularFile(identities)) {
            throw GiaException.badInput(root + " is not a CelebA folder: it needs img_align_celeba/ and identity_CelebA.txt",
                    "download both from the CelebA site (identity_CelebA.txt is in Anno/), or use the image-folder source");
        }
        String text;
        try {
            text = Files.readString(identities);
        } catch (IOException e) {
            throw GiaException.badInput("cannot read " + identities + ": " + e.getMessage(), "");
        }
        List<ImageListDataset.Source> sources = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Entry e : parse(text, identities.toString())) {
            Path f = images.resolve(e.file());
            if (e.identity() <= SURVEY_IDENTITIES && Files.isRegularFile(f)) {
                sources.add(new ImageListDataset.Source(f.toString(), () -> Files.newInputStream(f)));
                labels.add(e.identity() - 1);
            }
        }
        if (sources.isEmpty()) {
            throw GiaException.badInput(root + " has no image of the first " + SURVEY_IDENTITIES + " identities",
                    "check img_align_celeba/ against identity_CelebA.txt");
        }
        return new ImageListDataset("CelebA " + root + ", identities 1.." + SURVEY_IDENTITIES, resolution,
                identityNames(SURVEY_IDENTITIES), sources, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    record Entry(String file, int identity) {
    }

    /** Parses identity_CelebA.txt; blank lines and {@code #} comments are skipped. */
    static List<Entry> parse(String text, String origin) {
        List<Entry> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            int id;
            try {
                id = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id < 1 || id > ALL_IDENTITIES) {
                throw GiaException.badInput(origin + " line " + lineNo + " is not '<image> <identity 1.." + ALL_IDENTITIES
                        + ">': '" + l + "'", "use the identity_CelebA.txt of the CelebA release");
            }
            out.add(new Entry(parts[0], id));
        }
        return out;
    }

    static List<String> identityNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("identity " + i);
        }
        return names;
    }
}
