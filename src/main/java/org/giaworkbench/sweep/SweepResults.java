package org.giaworkbench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.StoredRun;

/**
 * A sweep's results as stored: per cell its finished run (if any), per group (cell without the seed)
 * the mean, standard deviation, minimum and maximum over the seeds of each metric.
 */
public record SweepResults(SweepPlan plan, List<CellResult> cells, List<GroupStats> groups, List<String> metricNames) {

    /** Metric names in tables and charts. */
    public static final String PSNR = "psnr";
    public static final String SSIM = "ssim";

    /** One cell; {@code runId} is 0 and {@code metrics} empty where the cell has no finished run. */
    public record CellResult(SweepCell cell, long runId, Map<String, Double> metrics) {
    }

    /** Summary over the seeds of one metric (sample standard deviation; 0 for one value). */
    public record Stat(int n, double mean, double sd, double min, double max) {

        static Stat of(List<Double> values) {
            List<Double> v = values.stream().filter(Double::isFinite).toList();
            if (v.isEmpty()) {
                return new Stat(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
            double sd = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
            return new Stat(v.size(), mean, sd, v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        }
    }

    /** One group of cells (same factor values, all seeds). */
    public record GroupStats(String group, Map<String, String> factors, int runs, Map<String, Stat> stats) {
    }

    public static SweepResults collect(ExperimentStore store, SweepPlan plan) {
        List<CellResult> cells = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(PSNR, SSIM));
        names.addAll(plan.definition().metrics());
        Map<String, List<CellResult>> byGroup = new LinkedHashMap<>();
        for (SweepCell c : plan.cells()) {
            OptionalLong id = store.finishedRun(plan.sweepId(), c.key());
            Map<String, Double> m = new LinkedHashMap<>();
            if (id.isPresent()) {
                StoredRun r = store.require(id.getAsLong());
                m.put(PSNR, r.summary().psnrMean());
                m.put(SSIM, r.summary().ssimMean());
                m.putAll(r.metrics());
            }
            CellResult cr = new CellResult(c, id.orElse(0), m);
            cells.add(cr);
            byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(cr);
        }
        List<GroupStats> groups = new ArrayList<>();
        for (List<CellResult> g : byGroup.values()) {
            Map<String, Stat> stats = new LinkedHashMap<>();
            for (String name : names) {
                List<Double> values = new ArrayList<>();
                g.forEach(c -> {
                    Double v = c.metrics().get(name);
                    if (v != null) {
                        values.add(v);
                    }
                });
                stats.put(name, Stat.of(values));
            }
            int runs = (int) g.stream().filter(c -> c.runId() > 0).count();
            groups.add(new GroupStats(g.get(0).cell().group(), g.get(0).cell().factors(), runs, stats));
        }
        return new SweepResults(plan, List.copyOf(cells), List.copyOf(groups), List.copyOf(names));
    }

    /** The groups as an aligned text table: factors, runs, then mean ± sd of every metric. */
    public String table() {
        List<String> factors = new ArrayList<>(plan.definition().vary().keySet());
        StringBuilder out = new StringBuilder();
        for (String f : factors) {
            out.append(String.format(Locale.ROOT, "%-16s", f));
        }
        out.append(String.format(Locale.ROOT, "%5s", "runs"));
        for (String m : metricNames) {
            out.append(String.format(Locale.ROOT, "  %-20s", m + " mean ± sd"));
        }
        out.append('\n');
        for (GroupStats g : groups) {
            for (String f : factors) {
                out.append(String.format(Locale.ROOT, "%-16s", g.factors().get(f)));
            }
            out.append(String.format(Locale.ROOT, "%5d", g.runs()));
            for (String m : metricNames) {
                Stat s = g.stats().get(m);
                out.append(String.format(Locale.ROOT, "  %-20s", s.n() == 0 ? "-"
                        : String.format(Locale.ROOT, m.equals(PSNR) ? "%.2f ± %.2f" : "%.4f ± %.4f", s.mean(), s.sd())));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One row per group: factors, runs, and n/mean/sd/min/max of every metric. */
    public String groupsCsv() {
        List<String> factors = new ArrayList<>(plan.definition().vary().keySet());
        StringBuilder out = new StringBuilder(String.join(",", factors));
        out.append(factors.isEmpty() ? "" : ",").append("runs");
        for (String m : metricNames) {
            out.append(',').append(m).append("_mean,").append(m).append("_sd,").append(m).append("_min,").append(m).append("_max");
        }
        out.append('\n');
        for (GroupStats g : groups) {
            for (String f : factors) {
                out.append(g.factors().get(f)).append(',');
            }
            out.append(g.runs());
            for (String m : metricNames) {
                Stat s = g.stats().get(m);
                out.append(',').append(num(s.mean())).append(',').append(num(s.sd())).append(',').append(num(s.min())).append(',')
                        .append(num(s.max()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One row per cell: sweep, cell key, factors, seed, run id, and every metric. */
    public String cellsCsv() {
        List<String> factors = new ArrayList<>(plan.definition().vary().keySet());
        StringBuilder out = new StringBuilder("sweep_id,cell_key,");
        factors.forEach(f -> out.append(f).append(','));
        out.append("seed,run_id");
        metricNames.forEach(m -> out.append(',').append(m));
        out.append('\n');
        for (CellResult c : cells) {
            out.append(plan.sweepId()).append(",\"").append(c.cell().key()).append("\",");
            factors.forEach(f -> out.append(c.cell().factors().get(f)).append(','));
            out.append(c.cell().seed()).append(',').append(c.runId() > 0 ? Long.toString(c.runId()) : "");
            for (String m : metricNames) {
                Double v = c.metrics().get(m);
                out.append(',').append(v == null ? "" : num(v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
