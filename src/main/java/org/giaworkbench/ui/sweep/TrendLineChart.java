package org.giaworkbench.ui.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Line;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.ui.fx.Messages;

/**
 * The sweep's trend: mean final PSNR against the first factor's values (in the order they were
 * given), one line per combination of the other factors, with error bars of one standard deviation
 * over the seeds. A LineChart whose points carry their deviation as extra value; the bars are drawn
 * in the plot's layout pass.
 */
public final class TrendLineChart extends LineChart<String, Number> {

    private final List<Line> bars = new ArrayList<>();

    /** One point: a group's factor values and its PSNR mean and standard deviation over the seeds. */
    private record Row(Map<String, String> factors, double mean, double std) {
    }

    public TrendLineChart() {
        super(new CategoryAxis(), new NumberAxis());
        ((NumberAxis) getYAxis()).setForceZeroInRange(false);
        getYAxis().setLabel(Messages.get("sweep.chart.y"));
        setAnimated(false);
        setTitle(Messages.get("sweep.chart.title"));
        getStyleClass().add("gia-trend-chart");
    }

    /** Shows the PSNR of {@code groups} of a sweep over {@code vary} (the first factor is the x axis). */
    public void show(Map<String, List<String>> vary, List<SweepResults.GroupStats> groups) {
        String xKey = vary.isEmpty() ? null : vary.keySet().iterator().next();
        List<Row> rows = groups.stream().map(g -> {
            SweepResults.Stat st = g.stats().get(SweepResults.PSNR);
            return new Row(g.factors(), st == null ? Double.NaN : st.mean(), st == null ? Double.NaN : st.sd());
        }).toList();
        getXAxis().setLabel(xKey == null ? "" : xKey);
        Map<String, XYChart.Series<String, Number>> lines = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!Double.isFinite(r.mean())) {
                continue;
            }
            String others = r.factors().entrySet().stream().filter(e -> !e.getKey().equals(xKey))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            XYChart.Series<String, Number> s = lines.computeIfAbsent(others, name -> {
                XYChart.Series<String, Number> n = new XYChart.Series<>();
                n.setName(name.isEmpty() ? Messages.get("sweep.chart.mean") : name);
                return n;
            });
            String x = xKey == null ? Messages.get("sweep.chart.base") : r.factors().get(xKey);
            XYChart.Data<String, Number> d = new XYChart.Data<>(x, r.mean());
            d.setExtraValue(r.std());
            s.getData().add(d);
        }
        // Categories in the order the values were listed, not in the order they first have a mean.
        CategoryAxis xAxis = (CategoryAxis) getXAxis();
        xAxis.setAutoRanging(false);
        xAxis.setCategories(javafx.collections.FXCollections.observableArrayList(
                xKey == null ? List.of(Messages.get("sweep.chart.base")) : vary.get(xKey)));
        // The y range holds the error bars, not only the means.
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Row r : rows) {
            if (Double.isFinite(r.mean())) {
                double sd = Double.isFinite(r.std()) ? r.std() : 0;
                lo = Math.min(lo, r.mean() - sd);
                hi = Math.max(hi, r.mean() + sd);
            }
        }
        NumberAxis yAxis = (NumberAxis) getYAxis();
        if (lo <= hi) {
            double pad = Math.max(0.5, 0.1 * (hi - lo));
            yAxis.setAutoRanging(false);
            yAxis.setLowerBound(Math.floor(lo - pad));
            yAxis.setUpperBound(Math.ceil(hi + pad));
            yAxis.setTickUnit(Math.max(0.5, Math.ceil((hi - lo + 2 * pad) / 8)));
        } else {
            yAxis.setAutoRanging(true);
        }
        getData().setAll(lines.values());
        setLegendVisible(lines.size() > 1);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        getPlotChildren().removeAll(bars);
        bars.clear();
        for (XYChart.Series<String, Number> s : getData()) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                if (!(d.getExtraValue() instanceof Double std) || !Double.isFinite(std) || std <= 0) {
                    continue;
                }
                double x = getXAxis().getDisplayPosition(d.getXValue());
                double mean = d.getYValue().doubleValue();
                double hi = getYAxis().getDisplayPosition(mean + std);
                double lo = getYAxis().getDisplayPosition(mean - std);
                bars.add(line(x, lo, x, hi));
                bars.add(line(x - 5, lo, x + 5, lo));
                bars.add(line(x - 5, hi, x + 5, hi));
            }
        }
        getPlotChildren().addAll(bars);
    }

    private static Line line(double x1, double y1, double x2, double y2) {
        Line l = new Line(x1, y1, x2, y2);
        l.getStyleClass().add("gia-error-bar");
        l.setManaged(false);
        return l;
    }

    /** The error bars drawn now (for tests). */
    List<Line> errorBars() {
        return List.copyOf(bars);
    }
}
