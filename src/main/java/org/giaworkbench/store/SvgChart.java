package org.giaworkbench.store;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A small inline SVG line chart for the HTML report (no script, no external files). */
final class SvgChart {

    private static final int W = 640;
    private static final int H = 220;
    private static final int PAD = 44;
    private static final int MAX_POINTS = 1500;

    private SvgChart() {
    }

    static <T> String line(List<T> points, ToDoubleFunction<T> x, ToDoubleFunction<T> y, String title, String colour) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        int finite = 0;
        for (T p : points) {
            double xv = x.applyAsDouble(p);
            double yv = y.applyAsDouble(p);
            if (Double.isFinite(xv) && Double.isFinite(yv)) {
                minX = Math.min(minX, xv);
                maxX = Math.max(maxX, xv);
                minY = Math.min(minY, yv);
                maxY = Math.max(maxY, yv);
                finite++;
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"")
                .append(RunBundle.esc(title)).append("\">");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(H).append("\" fill=\"white\"/>");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                PAD, 10, W - PAD - 10, H - PAD - 10));
        if (finite < 1) {
            s.append("<text x=\"").append(W / 2).append("\" y=\"").append(H / 2).append("\" text-anchor=\"middle\">no data</text>");
        } else {
            if (maxX == minX) {
                maxX = minX + 1;
            }
            if (maxY == minY) {
                maxY = minY + 1;
            }
            int step = Math.max(1, finite / MAX_POINTS);
            StringBuilder path = new StringBuilder();
            int k = 0;
            for (T p : points) {
                double xv = x.applyAsDouble(p);
                double yv = y.applyAsDouble(p);
                if (!Double.isFinite(xv) || !Double.isFinite(yv) || k++ % step != 0) {
                    continue;
                }
                double px = PAD + (xv - minX) / (maxX - minX) * (W - PAD - 10);
                double py = 10 + (1 - (yv - minY) / (maxY - minY)) * (H - PAD - 10);
                path.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
                    .append(path.toString().trim()).append("\"/>");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.3g</text>",
                    PAD - 4, 20, maxY));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.3g</text>",
                    PAD - 4, H - PAD, minY));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%.0f</text>", PAD, H - PAD + 16, minX));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.0f</text>",
                    W - 10, H - PAD + 16, maxX));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s against iteration</text>",
                W / 2, H - 8, RunBundle.esc(title)));
        s.append("</svg></figure>\n");
        return s.toString();
    }
}
