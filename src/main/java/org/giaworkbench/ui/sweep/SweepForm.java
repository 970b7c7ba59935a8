package org.giaworkbench.ui.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.sweep.SweepDefinition;
import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.ui.fx.Messages;

/**
 * What the sweep dialog's form holds: vary rows (a dotted key and comma-separated values) and the
 * seeds, over a base spec (the panes' current settings). It builds the same {@link SweepDefinition}
 * and {@link SweepPlan} as {@code ./gia sweep}, so cells, keys and sweep ids agree with the CLI, and
 * keeps a one-line summary (how many cells, or what is wrong). No toolkit needed.
 */
public final class SweepForm {

    /** Keys offered in the vary rows' combo (any dotted key may be typed). */
    public static final List<String> COMMON_KEYS = List.of("data.batch", "data.sameLabel", "data.resolution", "model.arch",
            "model.weights", "model.activation", "attack.iterations", "attack.id", "fl.labels");

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
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final BooleanProperty valid = new SimpleBooleanProperty(this, "valid");
    private List<String> metrics = List.of();

    /** @param base the spec the cells start from, read whenever the plan is made */
    public SweepForm(Supplier<ExperimentSpec> base) {
        this.base = base;
        rows.addListener((ListChangeListener<Row>) c -> update());
        seeds.addListener((obs, was, now) -> update());
        name.addListener((obs, was, now) -> update());
        update();
    }

    /** Takes a sweep preset's factors, seeds, name and metrics (its base goes into the panes, elsewhere). */
    public void load(SweepDefinition def) {
        metrics = def.metrics();
        name.set(def.name());
        List<Row> next = new ArrayList<>();
        def.vary().forEach((k, v) -> next.add(new Row(k, String.join(",", v))));
        seeds.set(def.seeds());
        rows.setAll(next);
    }

    public Row addRow(String key, String values) {
        Row r = new Row(key, values);
        rows.add(r);
        return r;
    }

    /** The definition the form describes; a clear error for an incomplete row. Blank rows are ignored. */
    public SweepDefinition definition() {
        Map<String, List<String>> vary = new LinkedHashMap<>();
        for (Row r : rows) {
            String k = r.key.get() == null ? "" : r.key.get().trim();
            String v = r.values.get() == null ? "" : r.values.get().trim();
            if (k.isEmpty() && v.isEmpty()) {
                continue;
            }
            if (!k.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+")) {
                throw GiaException.badInput("'" + k + "' is not a dotted spec key", "e.g. data.batch or model.arch");
            }
            if (vary.containsKey(k)) {
                throw GiaException.badInput(k + " is varied in two rows", "put all its values in one row");
            }
            List<String> values = SweepDefinition.parseVary(k + "=" + (v.isEmpty() ? " " : v)).getValue();
            if (values.stream().distinct().count() != values.size()) {
                throw GiaException.badInput("a value of " + k + " is listed twice", "list each value once");
            }
            vary.put(k, values);
        }
        return new SweepDefinition(name.get(), "", SpecJson.toTree(base.get()), vary, seeds.get(), metrics);
    }

    /** The cells to run (each cell's spec is bound here: a value the spec cannot take fails now). */
    public SweepPlan plan() {
        return SweepPlan.of(definition());
    }

    private void update() {
        try {
            SweepPlan p = plan();
            summary.set(Messages.get("sweep.summary", p.cells().size(), p.sweepId()));
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

    /** The sweep's name (a preset's, or empty): part of its id. */
    public StringProperty nameProperty() {
        return name;
    }

    /** "N cells, sweep id", or what is wrong. */
    public StringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid;
    }
}
