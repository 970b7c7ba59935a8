package org.giaworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.DataSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ImageNet and CelebA readers on folders made here, the bundled samples, and the survey's subset protocol. */
class ImageNetCelebATest {

    @TempDir
    Path dir;

    private static void png(Path file, Color colour, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, colour.getRGB());
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void flatImageNetFilesAreLabelledBySortedWordNetId() throws IOException {
        png(dir.resolve("n00000002_zebra.png"), Color.RED, 20, 10);
        png(dir.resolve("n00000001_ant.png"), Color.GREEN, 10, 10);
        png(dir.resolve("n00000001_ant_2.png"), Color.BLUE, 10, 30);
        png(dir.resolve("readme_not_a_wnid.png"), Color.WHITE, 10, 10);
        Dataset d = ImageNetDataset.open(dir, 8);
        assertEquals(3, d.size());
        assertEquals(List.of("n00000001", "n00000002"), d.classNames());
        assertEquals(0, d.label(0));
        assertEquals(0, d.label(1));
        assertEquals(1, d.label(2));
        float[] red = d.image(2);
        assertEquals(3 * 8 * 8, red.length);
        assertEquals(1f, red[0], 1e-6);
        assertEquals(0f, red[64], 1e-6);
        float[] blue = d.image(1);
        assertEquals(1f, blue[2 * 64 + 10], 1e-6);
    }

    @Test
    void imageNetClassFoldersUseAStandardClassListWhenOneIsThere() throws IOException {
        png(dir.resolve("n00000003/a.JPEG".replace(".JPEG", ".png")), Color.RED, 12, 12);
        png(dir.resolve("n00000001/b.png"), Color.GREEN, 12, 12);
        Dataset sorted = ImageNetDataset.open(dir, 8);
        assertEquals(List.of("n00000001", "n00000003"), sorted.classNames());
        assertEquals(0, sorted.label(0));
        // A standard-order list: n00000003 is class 0 there, n00000001 class 2.
        Files.writeString(dir.resolve("synset_words.txt"), "n00000003 third\nn00000002 second\nn00000001 first\n");
        Dataset standard = ImageNetDataset.open(dir, 8);
        assertEquals(3, standard.numClasses());
        assertEquals("n00000003 third", standard.classNames().get(0));
        assertEquals(2, standard.label(0)); // n00000001/b.png sorts first
        assertEquals(0, standard.label(1));
        Files.writeString(dir.resolve("synset_words.txt"), "n00000003 third\n");
        GiaException e = assertThrows(GiaException.class, () -> ImageNetDataset.open(dir, 8));
        assertTrue(e.getMessage().contains("n00000001"), e.getMessage());
    }

    @Test
    void notImageNetSaysSo() throws IOException {
        png(dir.resolve("cats/a.png"), Color.RED, 4, 4);
        GiaException e = assertThrows(GiaException.class, () -> ImageNetDataset.open(dir, 8));
        assertTrue(e.getMessage().contains("no ImageNet images"), e.getMessage());
    }

    @Test
    void celebaKeepsTheFirstThousandIdentitiesAsLabels() throws IOException {
        png(dir.resolve("img_align_celeba/000001.jpg".replace(".jpg", ".png")), Color.RED, 10, 12);
        png(dir.resolve("img_align_celeba/000002.png"), Color.GREEN, 10, 12);
        png(dir.resolve("img_align_celeba/000003.png"), Color.BLUE, 10, 12);
        Files.writeString(dir.resolve("identity_CelebA.txt"),
                "000001.png 5\n000002.png 1200\n000003.png 1000\n000004.png 7\n");
        Dataset d = CelebADataset.open(dir.resolve("img_align_celeba"), 8);
        assertEquals(2, d.size()); // 000002 is identity 1200, 000004 is not on disk
        assertEquals(1000, d.numClasses());
        assertEquals(4, d.label(0));
        assertEquals(999, d.label(1));
        assertEquals(1f, d.image(1)[2 * 64], 1e-6);
        Files.writeString(dir.resolve("identity_CelebA.txt"), "000001.png five\n");
        GiaException bad = assertThrows(GiaException.class, () -> CelebADataset.open(dir, 8));
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
        Files.delete(dir.resolve("identity_CelebA.txt"));
        GiaException missing = assertThrows(GiaException.class, () -> CelebADataset.open(dir, 8));
        assertTrue(missing.getMessage().contains("identity_CelebA.txt"), missing.getMessage());
    }

    @Test
    void bundledImageNetHasStandardLabelsAndRealPixelsAt224() {
        Dataset d = DatasetFactory.open(new DataSpec("bundled-imagenet", null, 224, 1, 0, 0, null, "imagenet"));
        assertEquals(25, d.size());
        assertEquals(1000, d.numClasses());
        assertEquals(0, d.label(0));
        assertEquals(40, d.label(1));
        assertEquals(960, d.label(24));
        assertEquals("n01440764 tench", d.classNames().get(0));
        float[] img = d.image(0);
        assertEquals(3 * 224 * 224, img.length);
        double mean = 0;
        double sq = 0;
        for (float v : img) {
            assertTrue(v >= 0 && v <= 1);
            mean += v;
            sq += v * v;
        }
        mean /= img.length;
        double std = Math.sqrt(sq / img.length - mean * mean);
        assertTrue(std > 0.1, "a photograph, not a flat image: std " + std);
    }

    @Test
    void bundledCelebaHasTwentyTwoIdentities() {
        Dataset d = DatasetFactory.open(new DataSpec("bundled-celeba", null, 64, 1, 0, 0, null, "imagenet"));
        assertEquals(22, d.size());
        assertEquals(CelebADataset.ALL_IDENTITIES, d.numClasses());
        assertEquals(2879, d.label(0)); // 000001.jpg is identity 2880
        Set<Integer> labels = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            labels.add(d.label(i));
        }
        assertEquals(22, labels.size());
        assertEquals(3 * 64 * 64, d.image(21).length);
    }

    @Test
    void surveySubsetHasNoSharedLabelWhereTheDatasetAllows() {
        // 200 classes of 3 images: 64 distinct labels are possible.
        Dataset many = new SyntheticDataset(200, 3);
        LabelDistinctSubset s = LabelDistinctSubset.of(many, DataSpec.SURVEY_SUBSET);
        assertEquals(64, s.size());
        Set<Integer> labels = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            labels.add(s.label(i));
            assertEquals(many.label(s.baseIndex(i)), s.label(i));
        }
        assertEquals(64, labels.size());
        // Fixed: the same subset whatever the batch seed; batches drawn from it stay inside it.
        assertArrayEquals(indices(s), indices(LabelDistinctSubset.of(many, 64)));
        LabeledBatch b = BatchBuilder.build(s, new BatchRequest(8, 0, 5, null));
        assertEquals(8, new HashSet<>(java.util.Arrays.stream(b.labels()).boxed().toList()).size());

        // CIFAR-10 (10 classes): labels repeat as evenly as possible, 6 or 7 each.
        Dataset cifar = DatasetFactory.open(new DataSpec("bundled-cifar10", null, 32, 1, 0, 0, null, "cifar10", 64));
        assertEquals(64, cifar.size());
        int[] counts = new int[10];
        for (int i = 0; i < 64; i++) {
            counts[cifar.label(i)]++;
        }
        for (int c : counts) {
            assertTrue(c == 6 || c == 7, java.util.Arrays.toString(counts));
        }
        GiaException tooBig = assertThrows(GiaException.class,
                () -> DatasetFactory.open(new DataSpec("bundled-celeba", null, 32, 1, 0, 0, null, "imagenet", 64)));
        assertTrue(tooBig.getMessage().contains("larger than the dataset"), tooBig.getMessage());
    }

    private static int[] indices(LabelDistinctSubset s) {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.baseIndex(i);
        }
        return out;
    }

    /** {@code classes x perClass} tiny images; image i has label i % classes. */
    private record SyntheticDataset(int classes, int perClass) implements Dataset {
        public String description() {
            return "synthetic";
        }

        public int size() {
            return classes * perClass;
        }

        public int numClasses() {
            return classes;
        }

        public List<String> classNames() {
            return java.util.stream.IntStream.range(0, classes).mapToObj(i -> "c" + i).toList();
        }

        public int label(int i) {
            return i % classes;
        }

        public float[] image(int i) {
            return new float[3 * 2 * 2];
        }

        public int channels() {
            return 3;
        }

        public int height() {
            return 2;
        }

        public int width() {
            return 2;
        }
    }
}
