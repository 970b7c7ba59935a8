package org.giaworkbench.ui.model;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.train.EpochStats;
import org.giaworkbench.core.train.TrainingEvent;
import org.giaworkbench.core.train.TrainingEventSink;
import org.giaworkbench.core.train.TrainingHandle;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import org.giaworkbench.ui.fx.Messages;

/**
 * The training dialog's state: settings, the running job (progress, live loss and held-out accuracy),
 * and the checkpoints that exist for the model and dataset chosen in the other panes. Lives on the FX
 * thread; the job runs on the compute thread and its events come back through {@link #sink()}.
 */
public final class TrainingModel {

    /** Submits a job without blocking ({@code ComputeService::submitTraining} in the window). */
    @FunctionalInterface
    public interface Trainer {
        TrainingHandle submit(TrainingSpec spec, TrainingEventSink sink);
    }

    private final Supplier<ModelSpec> model;
    private final Supplier<DataSpec> data;
    private final Trainer trainer;
    private final BiFunction<ModelSpec, DataSpec, List<Integer>> lister;
    private final BiFunction<ModelSpec, DataSpec, String> folders;
    private final Executor ui;

    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 5);
    private final IntegerProperty batch = new SimpleIntegerProperty(this, "batch", 32);
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "0.05");
    private final StringProperty optimizer = new SimpleStringProperty(this, "optimizer", TrainingSpec.SGD);
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final XYChart.Series<Number, Number> loss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> heldOutAccuracy = new XYChart.Series<>();
    private final ObservableList<Integer> available = FXCollections.observableArrayList();
    private final AtomicReference<TrainingEvent.Progress> latest = new AtomicReference<>();
    private TrainingHandle handle;
    private int totalEpochs;

    public TrainingModel(Supplier<ModelSpec> model, Supplier<DataSpec> data, Trainer trainer,
                         BiFunction<ModelSpec, DataSpec, List<Integer>> lister,
                         BiFunction<ModelSpec, DataSpec, String> folders, Executor ui) {
        this.model = model;
        this.data = data;
        this.trainer = trainer;
        this.lister = lister;
        this.folders = folders;
        this.ui = ui;
        loss.setName(Messages.get("train.chart.loss"));
        heldOutAccuracy.setName(Messages.get("train.chart.accuracy"));
    }

    /** What the dialog will train and where it writes, for its header. */
    public void describe() {
        ModelSpec m = model.get();
        DataSpec d = data.get();
        target.set(Messages.get("train.target", m.arch(), m.activation(), d.source(), d.resolution(), folders.apply(m, d)));
    }

    /** Re-reads which epochs have a checkpoint for the current model and dataset (a small directory listing). */
    public void refreshAvailable() {
        ModelSpec m = model.get();
        if (m.arch() == null) {
            available.clear();
            return;
        }
        List<Integer> epochsFound = lister.apply(m, data.get());
        // Edit in place rather than setAll: a ComboBox drops its value when its selected item is removed.
        available.removeIf(k -> !epochsFound.contains(k));
        for (int i = 0; i < epochsFound.size(); i++) {
            if (i >= available.size() || !available.get(i).equals(epochsFound.get(i))) {
                available.add(i, epochsFound.get(i));
            }
        }
    }

    /** The spec of the job the settings describe; throws GiaException on a bad number. */
    public TrainingSpec toSpec() {
        ModelSpec m = model.get();
        double lr;
        try {
            lr = Double.parseDouble(learningRate.get().trim());
        } catch (NumberFormatException e) {
            throw org.giaworkbench.core.GiaException.badInput(Messages.get("train.error.lr", learningRate.get()), "");
        }
        // Training starts from the seeded initialisation of the chosen architecture and activation.
        ModelSpec start = new ModelSpec(m.arch(), m.activation(), "untrained", m.seed(), "train", m.numClasses(), m.init());
        TrainingSpec spec = TrainingSpec.of(start, data.get()).withEpochs(epochs.get()).withBatchSize(batch.get())
                .withLearningRate(lr);
        spec = new TrainingSpec(spec.model(), spec.data(), spec.epochs(), spec.batchSize(), spec.learningRate(),
                optimizer.get(), spec.momentum(), spec.weightDecay(), spec.heldOut(), spec.seed(), null, spec.device());
        spec.validate();
        return spec;
    }

    public void start() {
        if (running.get()) {
            return;
        }
        TrainingSpec spec;
        try {
            spec = toSpec();
        } catch (org.giaworkbench.core.GiaException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        loss.getData().clear();
        heldOutAccuracy.getData().clear();
        progress.set(0);
        totalEpochs = spec.epochs();
        status.set(Messages.get("train.status.starting"));
        running.set(true);
        handle = trainer.submit(spec, sink());
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Carries events to the FX thread: progress is coalesced (only the newest waits), the rest is kept in order. */
    TrainingEventSink sink() {
        return event -> {
            if (event instanceof TrainingEvent.Progress p) {
                if (latest.getAndSet(p) == null) {
                    ui.execute(() -> onProgress(latest.getAndSet(null)));
                }
            } else {
                ui.execute(() -> on(event));
            }
        };
    }

    private void onProgress(TrainingEvent.Progress p) {
        if (p == null || !running.get()) {
            return;
        }
        double x = p.epoch() - 1 + p.batch() / (double) p.batchesPerEpoch();
        loss.getData().add(new XYChart.Data<>(x, p.loss()));
        progress.set(x / Math.max(1, totalEpochs));
        status.set(String.format(Locale.ROOT, Messages.get("train.status.progress"), p.epoch(), totalEpochs, p.batch(),
                p.batchesPerEpoch(), p.loss(), p.accuracy() * 100, p.imagesPerSecond()));
    }

    private void on(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            target.set(Messages.get("train.started", s.dataset(), s.trainImages(), s.heldOutImages(), s.folder()));
            if (s.start() != null && Double.isFinite(s.start().heldOutAccuracy())) {
                heldOutAccuracy.getData().add(new XYChart.Data<>(0, s.start().heldOutAccuracy()));
            }
        } else if (event instanceof TrainingEvent.EpochDone e) {
            EpochStats st = e.stats();
            if (Double.isFinite(st.heldOutAccuracy())) {
                heldOutAccuracy.getData().add(new XYChart.Data<>(st.epoch(), st.heldOutAccuracy()));
            }
            refreshAvailable();
        } else if (event instanceof TrainingEvent.Finished f) {
            end(f.result(), Messages.get("train.status.finished", f.result().epochs().size(), summary(f.result())));
            progress.set(1);
        } else if (event instanceof TrainingEvent.Cancelled c) {
            end(c.result(), Messages.get("train.status.cancelled", c.result().epochs().size()));
        } else if (event instanceof TrainingEvent.Failed f) {
            end(f.partial(), "");
            error.set(f.message() + (f.hint().isEmpty() ? "" : " (" + f.hint() + ")"));
        }
    }

    private static String summary(TrainingResult r) {
        EpochStats last = r.last();
        return last == null ? "" : String.format(Locale.ROOT, "%.1f %%", last.heldOutAccuracy() * 100);
    }

    private void end(TrainingResult result, String message) {
        latest.set(null);
        running.set(false);
        handle = null;
        status.set(message);
        refreshAvailable();
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty optimizerProperty() {
        return optimizer;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public XYChart.Series<Number, Number> lossSeries() {
        return loss;
    }

    public XYChart.Series<Number, Number> heldOutAccuracySeries() {
        return heldOutAccuracy;
    }

    /** Epochs with a checkpoint for the current model and dataset, ascending. */
    public ObservableList<Integer> available() {
        return available;
    }
}
