package org.giaworkbench.core.store;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.RunResult;

/** The picture of a run: ground truth above, reconstruction below, the PSNR under each pair. */
public final class ReconstructionGrid {

    private static final int MAX_COLUMNS = 16;
    private static final int GAP = 4;
    private static final int LABEL_HEIGHT = 16;

    private ReconstructionGrid() {
    }

    public static void write(RunResult r, Path file) throws IOException {
        write(r.truth(), r.reconstruction(), r.scores().psnr(), file);
    }

    /** The grid from its parts (the store's exports have no RunResult); {@code psnr} per ground-truth image. */
    public static void write(ImageBatch truth, ImageBatch recon, double[] psnr, Path file) throws IOException {
        int n = truth.count();
        // Small images are scaled up with nearest neighbour so that pixels stay visible.
        int scale = Math.max(1, 96 / Math.max(truth.height(), truth.width()));
        int cellW = truth.width() * scale;
        int cellH = truth.height() * scale;
        int columns = Math.min(n, MAX_COLUMNS);
        int blockRows = (n + columns - 1) / columns;
        int blockH = 2 * cellH + GAP + LABEL_HEIGHT + GAP;
        BufferedImage out = new BufferedImage(columns * (cellW + GAP) + GAP, blockRows * blockH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < n; i++) {
            int x = GAP + (i % columns) * (cellW + GAP);
            int y = GAP + (i / columns) * blockH;
            g.drawImage(toImage(truth, i, scale), x, y, null);
            g.drawImage(toImage(recon, i, scale), x, y + cellH + GAP, null);
            drawLabel(g, String.format(Locale.ROOT, "%.1f dB", psnr[i]), x, y + 2 * cellH + GAP + LABEL_HEIGHT - 3);
        }
        g.dispose();
        ImageIO.write(out, "png", file.toFile());
    }

    private static void drawLabel(Graphics2D g, String text, int x, int baseline) {
        try {
            g.setColor(Color.DARK_GRAY);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(text, x, baseline);
        } catch (RuntimeException | Error noFonts) {
            // A machine without fonts still gets the images; the numbers are in summary.json.
        }
    }

    /** One image of a batch as RGB (grey for one channel), clamped to [0, 1], scaled by pixel repetition. */
    public static BufferedImage toImage(ImageBatch batch, int index, int scale) {
        int h = batch.height();
        int w = batch.width();
        int plane = h * w;
        float[] px = batch.pixels();
        int base = index * batch.imageSize();
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                int p = yy * w + xx;
                int r = byteOf(px[base + p]);
                int gr = batch.channels() > 1 ? byteOf(px[base + plane + p]) : r;
                int b = batch.channels() > 2 ? byteOf(px[base + 2 * plane + p]) : r;
                int rgb = (r << 16) | (gr << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(xx * scale + dx, yy * scale + dy, rgb);
                    }
                }
            }
        }
        return img;
    }

    private static int byteOf(float v) {
        float c = Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
        return Math.round(c * 255f);
    }
}
