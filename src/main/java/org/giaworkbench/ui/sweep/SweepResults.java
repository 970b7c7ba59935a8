package org.giaworkbench.ui.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's outcome per group of cells (the same factor values, over the seeds): the mean final
 * PSNR, its sample standard deviation, the number of runs with a PSNR, and the range. Pure Java.
 */
public final class SweepResults {

    /** One group: its factor values and the PSNR statistics over its seeds. */
    public record Row(String group, Map<String, String> factors, double mean, double std, int n, double min, double max) {
    }

    /** The final mean PSNR of one cell (NaN: the run ended without one). */
    public record CellResult(SweepPlan.Cell cell, long runId, double psnr, boolean reused) {
    }

    private SweepResults() {
    }

    /** Rows in the order the groups first appear among the cells. */
    public static List<Row> summarise(List<CellResult> results) {
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        for (CellResult r : results) {
            groups.computeIfAbsent(r.cell().group(), g -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((group, cells) -> {
            double[] v = cells.stream().mapToDouble(CellResult::psnr).filter(Double::isFinite).toArray();
            double mean = Double.NaN;
            double std = Double.NaN;
            double min = Double.NaN;
            double max = Double.NaN;
            if (v.length > 0) {
                double sum = 0;
                min = Double.POSITIVE_INFINITY;
                max = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    sum += x;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
                mean = sum / v.length;
                if (v.length > 1) {
                    double ss = 0;
                    for (double x : v) {
                        ss += (x - mean) * (x - mean);
                    }
                    std = Math.sqrt(ss / (v.length - 1));
                } else {
                    std = 0;
                }
            }
            rows.add(new Row(group.isEmpty() ? "base" : group, cells.get(0).cell().factors(), mean, std, v.length, min, max));
        });
        return rows;
    }

    /** The table as CSV: the factor columns, then mean, std, n, min, max (PSNR in dB). */
    public static String csv(List<String> factorKeys, List<Row> rows) {
        StringBuilder b = new StringBuilder();
        for (String k : factorKeys) {
            b.append(k).append(',');
        }
        b.append("psnr_mean,psnr_std,n,psnr_min,psnr_max\n");
        for (Row r : rows) {
            for (String k : factorKeys) {
                b.append(quote(r.factors().getOrDefault(k, ""))).append(',');
            }
            b.append(num(r.mean())).append(',').append(num(r.std())).append(',').append(r.n()).append(',')
                    .append(num(r.min())).append(',').append(num(r.max())).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
