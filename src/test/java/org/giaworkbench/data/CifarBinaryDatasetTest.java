package org.giaworkbench.data;

import org.giaworkbench.core.GiaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CifarBinaryDatasetTest {

    @TempDir
    Path tmp;

    static byte[] bundledBytes() throws IOException {
        try (InputStream in = CifarBinaryDatasetTest.class.getResourceAsStream(BundledDataset.RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void bundledSetHasTheDocumentedContent() {
        CifarBinaryDataset d = BundledDataset.cifar10();
        assertEquals(1000, d.size());
        assertEquals(10, d.numClasses());
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                d.classNames());
        assertEquals(3, d.channels());
        assertEquals(32, d.height());
        assertEquals(32, d.width());
        int[] counts = new int[10];
        for (int i = 0; i < d.size(); i++) {
            assertEquals(i % 10, d.label(i), "record order: label of record i is i % 10");
            counts[d.label(i)]++;
        }
        int[] hundred = new int[10];
        Arrays.fill(hundred, 100);
        assertArrayEquals(hundred, counts);
        // Bytes of record 0 read with Python: R(0,0)=141, G(0,0)=159, B(0,0)=179; at row 5, column 7: 181, 150, 168.
        float[] img = d.image(0);
        assertEquals(3 * 32 * 32, img.length);
        assertEquals(141 / 255f, img[0]);
        assertEquals(159 / 255f, img[1024]);
        assertEquals(179 / 255f, img[2048]);
        int at = 5 * 32 + 7;
        assertEquals(181 / 255f, img[at]);
        assertEquals(150 / 255f, img[1024 + at]);
        assertEquals(168 / 255f, img[2048 + at]);
    }

    @Test
    void bundledSetCanBeResized() {
        CifarBinaryDataset d = BundledDataset.cifar10(64);
        assertEquals(64, d.height());
        float[] big = d.image(3);
        assertEquals(3 * 64 * 64, big.length);
        float[] small = ImageResizer.resizeAndCenterCrop(big, 3, 64, 64, 32);
        // Up then down is a mild blur (about 0.02 here); a different image is about 0.2 away.
        assertTrue(meanAbs(small, BundledDataset.cifar10().image(3)) < 0.04);
    }

    @Test
    void cifar100RecordsWithBothGranularities() throws IOException {
        byte[] ten = bundledBytes();
        int n = 200;
        byte[] hundred = new byte[n * 3074];
        for (int i = 0; i < n; i++) {
            int label = ten[i * 3073];
            hundred[i * 3074] = (byte) label;                       // coarse
            hundred[i * 3074 + 1] = (byte) (label + 10 * (i % 10)); // fine
            System.arraycopy(ten, i * 3073 + 1, hundred, i * 3074 + 2, 3072);
        }
        Path file = tmp.resolve("train.bin");
        Files.write(file, hundred);
        Files.writeString(tmp.resolve("coarse_label_names.txt"), namesFile("super", 20));
        Files.writeString(tmp.resolve("fine_label_names.txt"), namesFile("fine", 100));

        CifarBinaryDataset fine = CifarBinaryDataset.open(file, CifarLayout.CIFAR100);
        CifarBinaryDataset coarse = CifarBinaryDataset.open(file, CifarLayout.CIFAR100,
                CifarBinaryDataset.Options.DEFAULT.withGranularity(LabelGranularity.COARSE));
        assertEquals(n, fine.size());
        assertEquals(100, fine.numClasses());
        assertEquals(20, coarse.numClasses());
        assertEquals("fine 57", fine.classNames().get(57));
        assertEquals("super 19", coarse.classNames().get(19));
        CifarBinaryDataset bundled = BundledDataset.cifar10();
        for (int i = 0; i < n; i++) {
            assertEquals(i % 10, coarse.label(i));
            assertEquals(i % 10 + 10 * (i % 10), fine.label(i));
        }
        assertArrayEquals(bundled.image(123), fine.image(123));

        // The directory form picks train.bin / test.bin by split.
        assertEquals(n, CifarBinaryDataset.open(tmp, CifarLayout.CIFAR100).size());
        GiaException e = assertThrows(GiaException.class, () -> CifarBinaryDataset.open(tmp, CifarLayout.CIFAR100,
                CifarBinaryDataset.Options.DEFAULT.withSplit(CifarBinaryDataset.Split.TEST)));
        assertTrue(e.getMessage().contains("test.bin") || e.hint().contains("test.bin"), e.getMessage() + " / " + e.hint());
    }

    @Test
    void cifar10DirectoryWithSplitsAndFallbackNames() throws IOException {
        byte[] ten = bundledBytes();
        Files.write(tmp.resolve("data_batch_1.bin"), Arrays.copyOfRange(ten, 0, 300 * 3073));
        Files.write(tmp.resolve("data_batch_2.bin"), Arrays.copyOfRange(ten, 300 * 3073, 500 * 3073));
        Files.write(tmp.resolve("test_batch.bin"), Arrays.copyOfRange(ten, 500 * 3073, 1000 * 3073));
        CifarBinaryDataset all = CifarBinaryDataset.open(tmp, CifarLayout.CIFAR10);
        assertEquals(1000, all.size());
        assertEquals("class 0", all.classNames().get(0)); // no batches.meta.txt here
        assertArrayEquals(BundledDataset.cifar10().image(700), all.image(700));
        assertEquals(500, CifarBinaryDataset.open(tmp, CifarLayout.CIFAR10,
                CifarBinaryDataset.Options.DEFAULT.withSplit(CifarBinaryDataset.Split.parse("train"))).size());
        assertEquals(500, CifarBinaryDataset.open(tmp, CifarLayout.CIFAR10,
                CifarBinaryDataset.Options.DEFAULT.withSplit(CifarBinaryDataset.Split.parse("Test"))).size());
        assertThrows(GiaException.class, () -> CifarBinaryDataset.Split.parse("val"));
    }

    @Test
    void truncatedFileIsRejectedNamingTheFile() throws IOException {
        Path file = tmp.resolve("broken.bin");
        Files.write(file, Arrays.copyOf(bundledBytes(), 12345));
        GiaException e = assertThrows(GiaException.class, () -> CifarBinaryDataset.open(file, CifarLayout.CIFAR10));
        assertEquals(GiaException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not a CIFAR-10 binary file: 12345 bytes is not a multiple of the 3073-byte record"),
                e.getMessage());
        assertTrue(!e.hint().isEmpty());
    }

    @Test
    void wrongLayoutGivesAHint() throws IOException {
        Files.write(tmp.resolve("only10.bin"), Arrays.copyOf(bundledBytes(), 5 * 3073));
        GiaException e = assertThrows(GiaException.class,
                () -> CifarBinaryDataset.open(tmp.resolve("only10.bin"), CifarLayout.CIFAR100));
        assertTrue(e.hint().contains("CIFAR-10"), e.hint());
    }

    @Test
    void labelOutOfRangeIsRejected() throws IOException {
        byte[] data = Arrays.copyOf(bundledBytes(), 20 * 3073);
        data[7 * 3073] = 10;
        Path file = tmp.resolve("badlabel.bin");
        Files.write(file, data);
        GiaException e = assertThrows(GiaException.class, () -> CifarBinaryDataset.open(file, CifarLayout.CIFAR10));
        assertTrue(e.getMessage().contains("record 7") && e.getMessage().contains("label 10"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()));

        byte[] c100 = new byte[3 * 3074];
        c100[3074] = 20; // coarse label 20 of record 1
        Files.write(tmp.resolve("c100.bin"), c100);
        GiaException e2 = assertThrows(GiaException.class,
                () -> CifarBinaryDataset.open(tmp.resolve("c100.bin"), CifarLayout.CIFAR100));
        assertTrue(e2.getMessage().contains("coarse label 20"), e2.getMessage());
        c100[3074] = 0;
        c100[3074 + 1] = (byte) 100;
        Files.write(tmp.resolve("c100.bin"), c100);
        GiaException e3 = assertThrows(GiaException.class,
                () -> CifarBinaryDataset.open(tmp.resolve("c100.bin"), CifarLayout.CIFAR100));
        assertTrue(e3.getMessage().contains("fine label 100"), e3.getMessage());
    }

    @Test
    void missingFileIsRejected() {
        GiaException e = assertThrows(GiaException.class,
                () -> CifarBinaryDataset.open(tmp.resolve("nope.bin"), CifarLayout.CIFAR10));
        assertTrue(e.getMessage().contains("nope.bin"), e.getMessage());
        GiaException dir = assertThrows(GiaException.class, () -> CifarBinaryDataset.open(tmp, CifarLayout.CIFAR10));
        assertTrue(dir.getMessage().contains(tmp.toString()), dir.getMessage());
    }

    static String namesFile(String prefix, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(prefix).append(' ').append(k).append('\n');
        }
        return sb.append("\n\n").toString();
    }

    static double meanAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += Math.abs(a[k] - b[k]);
        }
        return s / a.length;
    }
}
