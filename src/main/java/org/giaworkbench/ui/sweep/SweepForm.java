package org.giaworkbench.ui.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.fx.Messages;

/**
 * What the sweep dialog's form holds: vary rows (key and comma-separated values) and the seeds,
 * over a base spec (the panes' current settings). It turns them into a {@link SweepPlan} and keeps a
 * one-line summary (cells, or what is wrong) up to date. No toolkit needed.
 */
public final class SweepForm {

    /** Keys offered in the vary rows' combo (any dotted key may be typed). */
    public static final List<String> COMMON_KEYS = List.of("data.batch", "data.sameLabel", "data.resolution", "model.arch",
            "model.weights", "model.activation", "attack.iterations", "attack.id", "data.seed", "run.seed");

    /** One vary row of the form. */
    public static final class Row {
        private final StringProperty key = new SimpleStringProperty(this, "key", "");
        private final StringProperty values = new SimpleStringProperty(this, "values", "");

        public Row(String key, String values) {
            this.key.set(key);
            this.values.set(values);
        }

        public StringProperty keyProperty() {
            return key;
        }

        public StringProperty valuesProperty() {
            return values;
        }
    }

    private final Supplier<ExperimentSpec> base;
    private final ObservableList<Row> rows = FXCollections.observableArrayList(r -> new Observable[] {r.key, r.values});
    private final IntegerProperty seeds = new SimpleIntegerProperty(this, "seeds", 1);
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final javafx.beans.property.BooleanProperty valid = new javafx.beans.property.SimpleBooleanProperty(this, "valid");

    /** @param base the spec the cells start from, read when the plan is made */
    public SweepForm(Supplier<ExperimentSpec> base) {
        this.base = base;
        rows.addListener((javafx.collections.ListChangeListener<Row>) c -> update());
        seeds.addListener((obs, was, now) -> update());
        update();
    }

    /** Fills the form from a plan (a sweep preset); the base stays the caller's. */
    public void load(List<SweepPlan.Vary> vary, int seedCount) {
        List<Row> next = new ArrayList<>();
        for (SweepPlan.Vary v : vary) {
            next.add(new Row(v.key(), String.join(",", v.values())));
        }
        rows.setAll(next);
        seeds.set(seedCount);
    }

    public Row addRow(String key, String values) {
        Row r = new Row(key, values);
        rows.add(r);
        return r;
    }

    /** The plan the form describes; a clear error when a row is incomplete or invalid. Empty rows are ignored. */
    public SweepPlan plan() {
        List<SweepPlan.Vary> vary = new ArrayList<>();
        for (Row r : rows) {
            if (r.key.get().isBlank() && r.values.get().isBlank()) {
                continue;
            }
            vary.add(SweepPlan.Vary.parse(r.key.get(), r.values.get()));
        }
        return new SweepPlan(base.get(), vary, seeds.get());
    }

    private void update() {
        try {
            SweepPlan p = plan();
            summary.set(Messages.get("sweep.summary", p.size(), p.sweepId()));
            valid.set(true);
        } catch (RuntimeException e) {
            summary.set(e.getMessage());
            valid.set(false);
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public IntegerProperty seedsProperty() {
        return seeds;
    }

    /** "N cells, sweep id", or what is wrong. */
    public StringProperty summaryProperty() {
        return summary;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty validProperty() {
        return valid;
    }
}
