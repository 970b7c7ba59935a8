package org.giaworkbench.store;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.store.ReconstructionGrid;

/** Images as 8-bit PNG, addressed by the SHA-256 of their bytes (identical images are stored once). */
final class Png {

    private Png() {
    }

    static byte[] encode(ImageBatch batch, int index) {
        BufferedImage img = ReconstructionGrid.toImage(batch, index, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes into {@code out} (CHW floats in [0, 1]) at image {@code index}. */
    static void decodeInto(byte[] png, int channels, float[] out, int index) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int h = img.getHeight();
        int w = img.getWidth();
        int plane = h * w;
        int base = index * channels * plane;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int p = y * w + x;
                out[base + p] = ((rgb >> 16) & 0xff) / 255f;
                if (channels > 1) {
                    out[base + plane + p] = ((rgb >> 8) & 0xff) / 255f;
                }
                if (channels > 2) {
                    out[base + 2 * plane + p] = (rgb & 0xff) / 255f;
                }
            }
        }
    }
}
