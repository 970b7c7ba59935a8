package org.giaworkbench.data;

import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void corruptImageFailsWhenLoadedNamingTheFile() throws IOException {
        Path root = writeFolder();
        Path bad = root.resolve("cat").resolve("zz-corrupt.JPG");
        byte[] junk = new byte[2000];
        new Random(5).nextBytes(junk);
        Files.write(bad, junk);
        ImageFolderDataset d = ImageFolderDataset.open(root, 32); // indexing does not decode
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
}
