package org.giaworkbench.ui.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;

/**
 * One live number of the run pane: a caption, the value in large type with its unit beside it, and
 * optionally a sparkline of the recent values. Plain labels styled by the theme's CSS variables: the
 * TilesFX number tiles this replaces scaled their unit text with the tile and clipped or wrapped it at
 * this size ("it/s" came out as "it" over "s"), and needed their colours repainted in code per theme.
 */
final class MetricCard extends VBox {

    /** Values the sparkline spans: about the last half minute at the run's 10 progress events a second. */
    private static final int SPARK_POINTS = 300;
    private static final double SPARK_WIDTH = 150;
    private static final double SPARK_HEIGHT = 26;

    private final Label value = new Label("-");
    private final String format;
    private final Deque<Double> recent = new ArrayDeque<>();
    private final Polyline spark;

    MetricCard(String id, String caption, String unit, String format, boolean sparkline) {
        this.format = format;
        setId(id);
        getStyleClass().add("gia-metric-card");
        Label captionLabel = new Label(caption);
        captionLabel.getStyleClass().add("gia-metric-caption");
        value.getStyleClass().add("gia-metric-value");
        value.setId(id + "-value");
        Label unitLabel = new Label(unit);
        unitLabel.getStyleClass().add("gia-metric-unit");
        HBox line = new HBox(5, value, unitLabel);
        line.setAlignment(Pos.BASELINE_LEFT);
        getChildren().addAll(captionLabel, line);
        if (sparkline) {
            spark = new Polyline();
            spark.getStyleClass().add("gia-sparkline");
            Pane holder = new Pane(spark);
            holder.setMinSize(SPARK_WIDTH, SPARK_HEIGHT);
            holder.setPrefSize(SPARK_WIDTH, SPARK_HEIGHT);
            holder.setMaxSize(SPARK_WIDTH, SPARK_HEIGHT);
            getChildren().add(holder);
        } else {
            spark = null;
        }
    }

    /** Shows {@code v}; a non-finite value (no snapshot yet) leaves the card as it was. */
    void set(double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        value.setText(String.format(Locale.ROOT, format, v));
        if (spark != null) {
            recent.addLast(v);
            if (recent.size() > SPARK_POINTS) {
                recent.removeFirst();
            }
            drawSpark();
        }
    }

    /** Back to "-" with an empty sparkline (another run is shown). */
    void clear() {
        value.setText("-");
        recent.clear();
        if (spark != null) {
            spark.getPoints().clear();
        }
    }

    private void drawSpark() {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : recent) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = max - min > 1e-12 ? max - min : 1;
        Double[] points = new Double[recent.size() * 2];
        double step = recent.size() > 1 ? SPARK_WIDTH / (recent.size() - 1) : 0;
        int i = 0;
        for (double v : recent) {
            points[2 * i] = i * step;
            points[2 * i + 1] = SPARK_HEIGHT - 1 - (v - min) / span * (SPARK_HEIGHT - 2);
            i++;
        }
        spark.getPoints().setAll(points);
    }
}
