package org.giaworkbench.ui.history;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.giaworkbench.store.RunQuery;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredStatus;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.store.StoreAccess;

/**
 * The history pane's state: every stored run, the filters over them and the actions (refresh, open,
 * compare, delete). The store is read on its own thread ({@link StoreAccess}); every property here is
 * changed on the FX thread only.
 */
public final class HistoryModel {

    /** Compare takes two to four runs. */
    public static final int COMPARE_MIN = 2;
    public static final int COMPARE_MAX = 4;

    private final StoreAccess store;
    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final FilteredList<RunSummary> filtered = new FilteredList<>(runs);
    private final ObservableList<String> attacks = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<String> datasets = FXCollections.observableArrayList();
    private final StringProperty attack = new SimpleStringProperty(this, "attack");
    private final StringProperty model = new SimpleStringProperty(this, "model");
    private final StringProperty dataset = new SimpleStringProperty(this, "dataset");
    private final ObjectProperty<StoredStatus> status = new SimpleObjectProperty<>(this, "status");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", false);

    public HistoryModel(StoreAccess store) {
        this.store = store;
        Observable[] filters = {attack, model, dataset, status, from, to, search};
        filtered.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, filters));
    }

    /** Re-reads every run from the store (runs of other processes, e.g. the CLI, appear). */
    public void refresh() {
        loading.set(true);
        store.read(s -> s.runs(RunQuery.all()), list -> {
            loading.set(false);
            runs.setAll(list);
            choices(attacks, RunSummary::attack);
            choices(models, RunSummary::model);
            choices(datasets, RunSummary::dataset);
            message.set(Messages.get("history.count", list.size()));
        }, this::failed);
    }

    private void choices(ObservableList<String> target, Function<RunSummary, String> field) {
        TreeSet<String> values = new TreeSet<>();
        runs.forEach(r -> values.add(Objects.toString(field.apply(r), "")));
        values.remove("");
        if (!target.equals(new ArrayList<>(values))) {
            target.setAll(values);
        }
    }

    /** The filters as one test: equal fields, the date range (inclusive, local days) and the search text. */
    Predicate<RunSummary> predicate() {
        String a = blankToNull(attack.get());
        String m = blankToNull(model.get());
        String d = blankToNull(dataset.get());
        StoredStatus st = status.get();
        LocalDate lo = from.get();
        LocalDate hi = to.get();
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        return r -> (a == null || a.equals(r.attack())) && (m == null || m.equals(r.model()))
                && (d == null || d.equals(r.dataset())) && (st == null || st == r.status())
                && inRange(r, lo, hi) && (q.isEmpty() || text(r).contains(q));
    }

    private static boolean inRange(RunSummary r, LocalDate lo, LocalDate hi) {
        LocalDate day = r.createdAt().atZone(ZoneId.systemDefault()).toLocalDate();
        return (lo == null || !day.isBefore(lo)) && (hi == null || !day.isAfter(hi));
    }

    /** What the search field matches: id, name, attack, model, dataset, status, sweep and cell. */
    private static String text(RunSummary r) {
        return String.join(" ", "#" + r.id(), Objects.toString(r.name(), ""), Objects.toString(r.attack(), ""),
                Objects.toString(r.model(), ""), Objects.toString(r.dataset(), ""), r.status().key(),
                Objects.toString(r.sweepId(), ""), Objects.toString(r.cellKey(), "")).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Reads a stored run for the run pane; {@code onUi} gets a record shown like a live run. */
    public void open(long id, Consumer<RunRecord> onUi) {
        message.set(Messages.get("history.opening", id));
        store.read(s -> StoredRuns.load(s, id), stored -> {
            message.set("");
            onUi.accept(RunRecord.restored(stored));
        }, this::failed);
    }

    /** Reads two to four stored runs for the comparison view, in the given order. */
    public void compare(List<Long> ids, Consumer<List<RunRecord>> onUi) {
        if (ids.size() < COMPARE_MIN || ids.size() > COMPARE_MAX) {
            message.set(Messages.get("history.compareCount", COMPARE_MIN, COMPARE_MAX));
            return;
        }
        List<Long> order = List.copyOf(ids);
        store.read(s -> order.stream().map(id -> StoredRuns.load(s, id)).toList(), stored -> {
            message.set("");
            onUi.accept(stored.stream().map(RunRecord::restored).toList());
        }, this::failed);
    }

    /** Deletes runs from the store (the caller has asked the user), then refreshes. */
    public void delete(List<Long> ids, Runnable then) {
        List<Long> victims = List.copyOf(ids);
        store.read(s -> victims.stream().filter(s::delete).count(), n -> {
            message.set(Messages.get("history.deleted", n));
            refresh();
            then.run();
        }, this::failed);
    }

    private void failed(String error) {
        loading.set(false);
        message.set(Messages.get("history.error", error));
    }

    /** Every stored run, newest first, as last read. */
    public ObservableList<RunSummary> runs() {
        return runs;
    }

    /** The runs that pass the filters (the table sorts a view of this). */
    public FilteredList<RunSummary> filtered() {
        return filtered;
    }

    public ObservableList<String> attacks() {
        return attacks;
    }

    public ObservableList<String> models() {
        return models;
    }

    public ObservableList<String> datasets() {
        return datasets;
    }

    public StringProperty attackProperty() {
        return attack;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty datasetProperty() {
        return dataset;
    }

    public ObjectProperty<StoredStatus> statusProperty() {
        return status;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** A line under the table: how many runs, what was deleted, what went wrong. */
    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
