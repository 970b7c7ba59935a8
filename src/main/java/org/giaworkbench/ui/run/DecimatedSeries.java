package org.giaworkbench.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * A chart series that never holds more than {@code maxPoints} points however long the run: points are
 * kept at a stride that doubles (and every other kept point is dropped) whenever the limit is reached,
 * so the whole run stays visible at an even density. The newest point is always shown, provisionally
 * when it falls between strides, so the line reaches the current iteration.
 */
public final class DecimatedSeries {

    private final int maxPoints;
    private final ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
    private int stride = 1;
    private long offered;
    private boolean provisionalTail;

    public DecimatedSeries(int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4");
        }
        this.maxPoints = maxPoints;
    }

    /** Adds a point; non-finite values (a diverged loss) are skipped, as a chart cannot place them. */
    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        if (provisionalTail) {
            data.remove(data.size() - 1);
            provisionalTail = false;
        }
        boolean keep = offered % stride == 0;
        offered++;
        data.add(new XYChart.Data<>(x, y));
        if (!keep) {
            provisionalTail = true;
            return;
        }
        if (data.size() > maxPoints) {
            List<XYChart.Data<Number, Number>> thinned = new ArrayList<>(data.size() / 2 + 1);
            for (int i = 0; i < data.size(); i += 2) {
                thinned.add(data.get(i));
            }
            if ((data.size() - 1) % 2 != 0) {
                thinned.add(data.get(data.size() - 1));
                provisionalTail = true;
            }
            data.setAll(thinned);
            stride *= 2;
        }
    }

    public void clear() {
        data.clear();
        stride = 1;
        offered = 0;
        provisionalTail = false;
    }

    /** The points, for a chart's series (the list itself, so the chart follows it). */
    public ObservableList<XYChart.Data<Number, Number>> data() {
        return data;
    }

    public int maxPoints() {
        return maxPoints;
    }
}
