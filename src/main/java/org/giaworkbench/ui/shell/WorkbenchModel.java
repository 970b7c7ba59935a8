package org.giaworkbench.ui.shell;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.FlSpec;
import org.giaworkbench.core.spec.RunSpec;
import org.giaworkbench.core.spec.SpecCommandLine;
import org.giaworkbench.ui.attack.AttackModel;
import org.giaworkbench.ui.dataset.DatasetModel;
import org.giaworkbench.ui.model.ModelChoiceModel;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.run.RunState;

/**
 * The window's state across panes: builds the spec from the three setting panes, starts and cancels
 * runs, keeps this session's runs, and knows which one the run pane shows. Every method runs on the FX
 * thread (or the test thread); run events reach it through the sink factory, which in the window
 * coalesces them onto the FX thread.
 */
public final class WorkbenchModel {

    /** Starts a run without blocking ({@code ComputeService::submit} in the window). */
    @FunctionalInterface
    public interface Runner {
        RunHandle submit(ExperimentSpec spec, RunEventSink sink);
    }

    private final DatasetModel dataset;
    private final ModelChoiceModel model;
    private final AttackModel attack;
    private final Runner runner;
    private final Function<Consumer<RunEvent>, RunEventSink> sinks;

    private final ObservableList<RunRecord> history = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> shown = new SimpleObjectProperty<>(this, "shown");
    private final ObjectProperty<RunRecord> active = new SimpleObjectProperty<>(this, "active");
    private final StringProperty device = new SimpleStringProperty(this, "device", "");
    private final StringProperty engine = new SimpleStringProperty(this, "engine", "");
    private final IntegerProperty liveArrays = new SimpleIntegerProperty(this, "liveArrays", 0);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final javafx.beans.property.BooleanProperty exportable =
            new javafx.beans.property.SimpleBooleanProperty(this, "exportable", false);
    private final BooleanBinding running;
    private final BooleanBinding canRun;
    private final IntegerProperty endedRuns = new SimpleIntegerProperty(this, "endedRuns", 0);
    private RunHandle handle;
    private String name = "";
    private RunSpec runSettings = RunSpec.defaults();

    public WorkbenchModel(DatasetModel dataset, ModelChoiceModel model, AttackModel attack, Runner runner,
                          Function<Consumer<RunEvent>, RunEventSink> sinks) {
        this.dataset = dataset;
        this.model = model;
        this.attack = attack;
        this.runner = runner;
        this.sinks = sinks;
        running = active.isNotNull();
        canRun = Bindings.createBooleanBinding(
                () -> active.get() == null && dataset.validProperty().get() && model.validProperty().get()
                        && attack.validProperty().get(),
                active, dataset.validProperty(), model.validProperty(), attack.validProperty());
        javafx.beans.value.ChangeListener<Object> result = (obs, was, now) -> updateExportable();
        shown.addListener((obs, was, now) -> {
            if (was != null) {
                was.resultProperty().removeListener(result);
            }
            if (now != null) {
                now.resultProperty().addListener(result);
            }
            updateExportable();
        });
        model.datasetClassesProperty().bind(dataset.numClassesProperty());
        model.resolutionProperty().bind(dataset.resolutionProperty());
    }

    private void updateExportable() {
        exportable.set(shown.get() != null && shown.get().resultProperty().get() != null);
    }

    /** The shown run has a result that Export can write. */
    public javafx.beans.property.ReadOnlyBooleanProperty exportableProperty() {
        return exportable;
    }

    /** Starts a run of the current settings; null when they are not runnable or a run is going. */
    public RunRecord run() {
        if (!canRun.get()) {
            return null;
        }
        ExperimentSpec spec = spec();
        RunRecord record = new RunRecord(spec);
        history.add(record);
        shown.set(record);
        active.set(record);
        // The record is bound into the sink before submit, so even an instant failure finds it.
        handle = runner.submit(spec, sinks.apply(event -> onEvent(record, event)));
        return record;
    }

    private void onEvent(RunRecord record, RunEvent event) {
        record.accept(event);
        if (event instanceof RunEvent.Started s) {
            device.set(s.info().device());
            engine.set(s.info().engine() + " " + s.info().engineVersion());
        } else if (event instanceof RunEvent.Progress p) {
            liveArrays.set(p.liveArrays());
        }
        if (event.isTerminal() && active.get() == record) {
            handle = null;
            active.set(null);
        }
        if (event.isTerminal()) {
            endedRuns.set(endedRuns.get() + 1);
        }
    }

    /** Counts the runs of this window that have ended (the history refreshes on it). */
    public javafx.beans.property.ReadOnlyIntegerProperty endedRunsProperty() {
        return endedRuns;
    }

    /** Asks the running attack to stop at its next iteration; it keeps its best reconstruction. */
    public void cancel() {
        if (handle != null && active.get() != null) {
            handle.cancel();
            if (!active.get().stateProperty().get().isTerminal()) {
                active.get().stateProperty().set(RunState.CANCELLING);
            }
        }
    }

    /** The handle of the running run, or null (the window waits on its outcome when it closes). */
    public RunHandle activeHandle() {
        return handle;
    }

    /** The spec the panes describe now. */
    public ExperimentSpec spec() {
        return new ExperimentSpec(name, dataset.toSpec(), model.toSpec(), new FlSpec("fedsgd", attack.labelsProperty().get()),
                attack.toSpec(), runSettings);
    }

    /** Shows {@code spec} in the panes (a preset at start-up, or an opened file). */
    public void apply(ExperimentSpec spec) {
        name = spec.name();
        runSettings = spec.run();
        dataset.apply(spec.data());
        model.apply(spec.model());
        attack.apply(spec.attack(), spec.fl().labels());
    }

    /** The {@code ./gia run} line that reproduces the current settings. */
    public String cliCommand() {
        return SpecCommandLine.of(spec());
    }

    /** Records what the engine reported at start-up (before any run). */
    public void setEngine(String deviceText, String engineText) {
        device.set(deviceText);
        engine.set(engineText);
    }

    /** 1-based number of a record in this session. */
    public int number(RunRecord record) {
        return history.indexOf(record) + 1;
    }

    public DatasetModel dataset() {
        return dataset;
    }

    public ModelChoiceModel model() {
        return model;
    }

    public AttackModel attack() {
        return attack;
    }

    public ObservableList<RunRecord> history() {
        return history;
    }

    /** The run the run pane shows: the newest, or the one picked in the history. */
    public ObjectProperty<RunRecord> shownProperty() {
        return shown;
    }

    /** The run in progress, or null. */
    public ObjectProperty<RunRecord> activeProperty() {
        return active;
    }

    public BooleanBinding runningProperty() {
        return running;
    }

    /** Run is enabled: no run is going and every pane holds valid settings. */
    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public StringProperty engineProperty() {
        return engine;
    }

    public IntegerProperty liveArraysProperty() {
        return liveArrays;
    }

    /** A short note in the status bar (saved, copied, exported...). */
    public StringProperty messageProperty() {
        return message;
    }
}
