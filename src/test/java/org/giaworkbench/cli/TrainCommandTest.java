package org.giaworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gia train} in-process on a tiny image folder: the table, the files, the errors. */
class TrainCommandTest {

    @Test
    void trainsPrintsTheTableAndWritesCheckpoints(@TempDir Path images, @TempDir Path out) throws Exception {
        java.util.Random random = new java.util.Random(5);
        for (String c : List.of("cat", "dog")) {
            Files.createDirectories(images.resolve(c));
            for (int i = 0; i < 10; i++) {
                var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < 64; p++) {
                    img.setRGB(p % 8, p / 8, random.nextInt(0x1000000));
                }
                javax.imageio.ImageIO.write(img, "png", images.resolve(c).resolve(i + ".png").toFile());
            }
        }
        GiaCliTest.Outcome o = GiaCliTest.gia("train", "--model", "resnet20", "--activation", "relu", "--data", "image-folder",
                "--path", images.toString(), "--resolution", "8", "--epochs", "2", "--batch", "8", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("held-out acc"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("2 ") && l.endsWith("trained:2")), o.out());
        assertTrue(o.out().contains("finished: trained 2 epochs"), o.out());
        assertTrue(o.err().contains("16 images, 4 held out"), o.err());
        assertTrue(Files.isRegularFile(out.resolve("epoch-1.npz")) && Files.isRegularFile(out.resolve("epoch-2.npz")));
        assertTrue(Files.isRegularFile(out.resolve("training.json")));

        GiaCliTest.Outcome missing = GiaCliTest.gia("train", "--data", "image-folder", "--path", "/no/such/folder",
                "--epochs", "1", "--out", out.resolve("x").toString());
        assertEquals(GiaCli.BAD_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().startsWith("gia: "), missing.err());
        assertTrue(missing.err().lines().count() <= 3, "one-line error, no stack trace: " + missing.err());

        GiaCliTest.Outcome nan = GiaCliTest.gia("train", "--model", "resnet20", "--data", "image-folder", "--path",
                images.toString(), "--resolution", "8", "--epochs", "4", "--batch", "8", "--lr", "1e9", "--out",
                out.resolve("nan").toString());
        assertEquals(GiaCli.DIVERGED, nan.code(), nan.out() + nan.err());
        assertTrue(nan.err().contains("lower the learning rate"), nan.err());
    }
}
