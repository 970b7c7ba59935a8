package org.giaworkbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path tmp;

    private static BufferedImage toImage(float[] chw, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = y * w + x;
                int r = Math.round(chw[k] * 255);
                int g = Math.round(chw[plane + k] * 255);
                int b = Math.round(chw[2 * plane + k] * 255);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static BufferedImage enlarge(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Writes bundled images 0..11 into class folders named after their CIFAR class; odd ones enlarged to 64x48. */
    private Path writeFolder() throws IOException {
        CifarBinaryDataset bundled = BundledDataset.cifar10();
        Path root = tmp.resolve("imgs");
        for (int i = 0; i < 12; i++) {
            String cls = bundled.classNames().get(bundled.label(i));
            Path dir = Files.createDirectories(root.resolve(cls));
            BufferedImage img = toImage(bundled.image(i), 32, 32);
            if (i % 2 == 1) {
                // 64 wide, 48 high: shorter side 48 -> 32, width 64 -> 42, then a centre crop of 32 drops 5 columns a side;
                // drawing the 32x32 original onto 48x48 in the middle keeps the comparison meaningful.
                BufferedImage canvas = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = canvas.createGraphics();
                g.drawImage(enlarge(img, 48, 48), 8, 0, null);
                g.dispose();
                img = canvas;
            }
            String name = String.format("%04d.%s", i, i == 4 ? "PNG" : "png");
            ImageIO.write(img, "png", dir.resolve(name).toFile());
        }
        return root;
    }

    @Test
    void labelsComeFromSortedFolderNamesAndPixelsSurviveResizing() throws IOException {
        Path root = writeFolder();
        Files.writeString(root.resolve("airplane").resolve("notes.txt"), "not an image");
        ImageFolderDataset d = ImageFolderDataset.open(root, 32);
        CifarBinaryDataset bundled = BundledDataset.cifar10();
        assertEquals(12, d.size());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                d.classNames());
        assertEquals(10, d.numClasses());
        for (int i = 0; i < d.size(); i++) {
            String file = d.file(i).getFileName().toString();
            int original = Integer.parseInt(file.substring(0, 4));
            assertEquals(bundled.label(original), d.label(i), file);
            float[] img = d.image(i);
            assertEquals(3 * 32 * 32, img.length);
            double err = CifarBinaryDatasetTest.meanAbs(img, bundled.image(original));
            // Same-size PNGs round-trip exactly; enlarged-then-shrunk ones are blurred a little (about 0.04;
            // two different CIFAR images are about 0.2 apart).
            assertTrue(err < (original % 2 == 0 ? 1e-6 : 0.07), file + ": mean abs error " + err);
        }
        assertArrayEquals(d.image(3), d.image(3)); // served from the cache, as a fresh copy
        float[] a = d.image(3);
        a[0] = 42;
        assertTrue(d.image(3)[0] <= 1f);
    }

    @Test
    void resizesToOtherResolutions() throws IOException {
        ImageFolderDataset d = ImageFolderDataset.open(writeFolder(), 20);
        assertEquals(20, d.height());
        for (int i = 0; i < d.size(); i++) {
            float[] img = d.image(i);
            assertEquals(3 * 20 * 20, img.length);
            for (float v : img) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
    }

    @Test
    void folderWithoutClassFoldersIsRejected() throws IOException {
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", flat.resolve("a.png").toFile());
        GiaException e = assertThrows(GiaException.class, () -> ImageFolderDataset.open(flat, 32));
        assertEquals(flat + " is not an image dataset: expected one sub-folder per class with images inside", e.getMessage());
        Files.createDirectories(flat.resolve("empty-class"));
        assertThrows(GiaException.class, () -> ImageFolderDataset.open(flat, 32));
        GiaException missing = assertThrows(GiaException.class, () -> ImageFolderDataset.open(tmp.resolve("nothing"), 32));
        assertTrue(missing.getMessage().contains("nothing"));
    }

    @Test
    void emptyClassFolderIsRejected() throws IOException {
        Path root = writeFolder();
        Files.createDirectories(root.resolve("zebra"));
        GiaException e = assertThrows(GiaException.class, () -> ImageFolderDataset.open(root, 32));
        assertTrue(e.getMessage().contains("zebra"), e.getMessage());
    }

    @Test
    void imageCorruptedAfterOpeningFailsWhenLoadedNamingTheFile() throws IOException {
        Path root = writeFolder();
        Path bad = root.resolve("cat").resolve("zz-corrupt.JPG");
        Files.write(bad, jpeg(new Random(4)));
        ImageFolderDataset d = ImageFolderDataset.open(root, 32);
        byte[] junk = new byte[2000];
        new Random(5).nextBytes(junk);
        Files.write(bad, junk); // after the open-time check: decoding still names the file
        int badIndex = -1;
        for (int i = 0; i < d.size(); i++) {
            if (d.file(i).equals(bad)) {
                badIndex = i;
            }
        }
        assertTrue(badIndex >= 0, "the .JPG extension counts regardless of case");
        int finalBad = badIndex;
        GiaException e = assertThrows(GiaException.class, () -> d.image(finalBad));
        assertTrue(e.getMessage().startsWith("cannot read image " + bad), e.getMessage());
        assertEquals(GiaException.Kind.BAD_INPUT, e.kind());
    }

    /** A 40x30 JPEG of noise: big enough that cutting it in half leaves the headers and part of the pixel data. */
    private static byte[] jpeg(Random random) throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "jpg", bytes));
        return bytes.toByteArray();
    }

    /** Its first half: ImageIO decodes it without an exception (grey below the cut) and only warns. */
    private static byte[] truncated(byte[] jpeg) {
        return Arrays.copyOf(jpeg, jpeg.length / 2);
    }

    @Test
    void unreadableFilesAreSkippedAndNamed() throws IOException {
        Path root = tmp.resolve("mixed");
        Random random = new Random(7);
        Path cat = Files.createDirectories(root.resolve("cat"));
        Path dog = Files.createDirectories(root.resolve("dog"));
        Files.write(cat.resolve("a.jpg"), jpeg(random));
        Files.write(dog.resolve("b.jpg"), jpeg(random));
        Path cut = cat.resolve("cut.jpg");
        Files.write(cut, truncated(jpeg(random)));
        Path fake = dog.resolve("x.jpg");
        Files.writeString(fake, "a text file, not a JPEG");

        // System.Logger goes to java.util.logging here (no other backend is on the class path).
        Logger log = Logger.getLogger(ImageFolderDataset.class.getName());
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        ImageFolderDataset d;
        try {
            d = ImageFolderDataset.open(root, 32);
        } finally {
            log.removeHandler(capture);
        }

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("skipping " + cut + ": truncated"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("skipping " + fake + ": not a jpg"), warnings.get(1));
        assertEquals(2, d.size());
        assertEquals(List.of(cat.resolve("a.jpg"), dog.resolve("b.jpg")), List.of(d.file(0), d.file(1)));
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertEquals(List.of(cut, fake), d.skippedFiles());
        assertTrue(d.description().contains("skipped 2 unreadable files: cat/cut.jpg, dog/x.jpg"), d.description());
        for (int i = 0; i < d.size(); i++) {
            assertEquals(3 * 32 * 32, d.image(i).length);
        }
    }

    @Test
    void classFolderWithOnlyUnreadableFilesIsRefusedNamingFolderAndFiles() throws IOException {
        Path root = tmp.resolve("broken-class");
        Random random = new Random(8);
        Files.write(Files.createDirectories(root.resolve("cat")).resolve("a.jpg"), jpeg(random));
        Path dog = Files.createDirectories(root.resolve("dog"));
        Files.write(dog.resolve("cut.jpg"), truncated(jpeg(random)));
        Files.writeString(dog.resolve("x.jpg"), "a text file, not a JPEG");

        GiaException e = assertThrows(GiaException.class, () -> ImageFolderDataset.open(root, 32));

        assertEquals(GiaException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("no readable image in class folder " + dog + ": cut.jpg (truncated"),
                e.getMessage());
        assertTrue(e.getMessage().contains("x.jpg (not a jpg, png, bmp or gif image)"), e.getMessage());
        assertFalse(e.getMessage().contains("a.jpg"), e.getMessage());
        assertFalse(e.hint().isEmpty());
    }
}
