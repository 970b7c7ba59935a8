package org.giaworkbench.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.giaworkbench.sweep.SweepResults.GroupStats;
import org.giaworkbench.sweep.SweepResults.Stat;

/**
 * A sweep's trend: one metric against the first factor (evenly spaced, in the order given), one line
 * per combination of the other factors, the mean over seeds with a bar of ± one standard deviation.
 * Drawn with Java2D into a PNG, headless (the CLI needs no display; the window shows the same PNG).
 */
public final class TrendChart {

    private static final int W = 760;
    private static final int H = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private TrendChart() {
    }

    public static void write(SweepResults results, String metric, Path png) throws IOException {
        ImageIO.write(render(results, metric), "png", png.toFile());
    }

    public static BufferedImage render(SweepResults results, String metric) {
        String factor = results.plan().primaryFactor();
        List<String> xs = factor == null ? List.of("all") : results.plan().definition().vary().get(factor);
        // Lines: the other factors' values; points: the primary factor's values.
        Map<String, Map<String, Stat>> lines = new LinkedHashMap<>();
        for (GroupStats g : results.groups()) {
            StringBuilder line = new StringBuilder();
            g.factors().forEach((k, v) -> {
                if (!k.equals(factor)) {
                    line.append(line.length() == 0 ? "" : ", ").append(k).append('=').append(v);
                }
            });
            String x = factor == null ? "all" : g.factors().get(factor);
            lines.computeIfAbsent(line.length() == 0 ? metric : line.toString(), k -> new LinkedHashMap<>())
                    .put(x, g.stats().get(metric));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map<String, Stat> l : lines.values()) {
            for (Stat s : l.values()) {
                if (s != null && s.n() > 0) {
                    lo = Math.min(lo, s.mean() - s.sd());
                    hi = Math.max(hi, s.mean() + s.sd());
                }
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        double pad = Math.max((hi - lo) * 0.1, 1e-3);
        lo -= pad;
        hi += pad;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setColor(new Color(0xdddddd));
        for (int t = 0; t <= 5; t++) {
            int y = TOP + plotH - t * plotH / 5;
            g.drawLine(LEFT, y, LEFT + plotW, y);
            text(g, String.format(Locale.ROOT, "%.3g", lo + (hi - lo) * t / 5), LEFT - 6, y + 4, true, Color.DARK_GRAY);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int i = 0; i < xs.size(); i++) {
            text(g, xs.get(i), xAt(i, xs.size(), plotW) + 4, TOP + plotH + 18, false, Color.DARK_GRAY);
        }
        int k = 0;
        int seeds = results.plan().definition().seeds();
        boolean fewer = false;
        for (Map.Entry<String, Map<String, Stat>> line : lines.entrySet()) {
            Color c = PALETTE[k % PALETTE.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            List<int[]> pts = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                Stat s = line.getValue().get(xs.get(i));
                if (s == null || s.n() == 0) {
                    continue;
                }
                int x = xAt(i, xs.size(), plotW);
                int y = yAt(s.mean(), lo, hi, plotH);
                g.setStroke(new BasicStroke(1.2f));
                int y0 = yAt(s.mean() - s.sd(), lo, hi, plotH);
                int y1 = yAt(s.mean() + s.sd(), lo, hi, plotH);
                g.drawLine(x, y0, x, y1);
                g.drawLine(x - 5, y0, x + 5, y0);
                g.drawLine(x - 5, y1, x + 5, y1);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (s.n() < seeds) {
                    // A cell failed or was refused: say how many runs this point stands for.
                    text(g, "n=" + s.n(), x + 8, y - 6, false, c);
                    fewer = true;
                }
                pts.add(new int[] {x, y});
            }
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < pts.size(); i++) {
                g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
            }
            g.fillRect(LEFT + plotW + 14, TOP + 10 + k * 20, 14, 4);
            text(g, line.getKey(), LEFT + plotW + 34, TOP + 16 + k * 20, false, Color.BLACK);
            k++;
        }
        text(g, metricLabel(metric) + " against " + (factor == null ? "-" : factor) + " (mean \u00b1 sd over "
                + (fewer ? "up to " : "") + seeds + (seeds == 1 ? " seed)" : " seeds)"), LEFT, 24, false, Color.BLACK);
        text(g, factor == null ? "" : factor, LEFT + plotW / 2, H - 18, false, Color.BLACK);
        g.dispose();
        return img;
    }

    private static String metricLabel(String metric) {
        return switch (metric) {
            case SweepResults.PSNR -> "PSNR (dB)";
            case SweepResults.SSIM -> "SSIM";
            case SweepDefinition.GRADIENT_COSINE -> "cosine(single-image gradient, batch gradient)";
            default -> metric;
        };
    }

    private static int xAt(int i, int n, int plotW) {
        return LEFT + (int) Math.round((i + 0.5) * plotW / n);
    }

    private static int yAt(double v, double lo, double hi, int plotH) {
        return TOP + plotH - (int) Math.round((v - lo) / (hi - lo) * plotH);
    }

    private static void text(Graphics2D g, String s, int x, int y, boolean alignRight, Color c) {
        try {
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int dx = alignRight ? g.getFontMetrics().stringWidth(s) : 0;
            g.drawString(s, x - dx, y);
        } catch (RuntimeException | Error noFonts) {
            // Without fonts the chart still shows the data; the numbers are in the CSV.
        }
    }
}
