package org.giaworkbench.ui.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.giaworkbench.compute.Catalog;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.ModelInspector;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunTags;
import org.giaworkbench.ui.attack.AttackController;
import org.giaworkbench.ui.attack.AttackModel;
import org.giaworkbench.ui.dataset.DatasetController;
import org.giaworkbench.ui.dataset.DatasetModel;
import org.giaworkbench.ui.fx.Fxml;
import org.giaworkbench.ui.fx.FxRunEventSink;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.history.HistoryController;
import org.giaworkbench.ui.history.HistoryModel;
import org.giaworkbench.ui.store.StoreAccess;
import org.giaworkbench.ui.sweep.SweepDialog;
import org.giaworkbench.ui.sweep.WindowSweeps;
import org.giaworkbench.ui.model.ModelChoiceModel;
import org.giaworkbench.ui.model.ModelController;
import org.giaworkbench.ui.model.TrainingModel;
import org.giaworkbench.ui.run.RunController;

/**
 * The window's composition root: view models, panes and their controllers over one compute service
 * (which the caller owns, so that tests can share one engine between windows). Call on the FX thread.
 */
public final class Workbench {

    /** The preset the window opens with. */
    public static final String START_PRESET = "quickstart-dlg";

    private final ComputeService compute;
    private final ExperimentStore store;
    private final ExecutorService background = Executors.newFixedThreadPool(2, daemon("gia-ui-worker"));
    // Counting parameters waits for the compute thread; its own thread keeps previews from queueing behind it.
    private final ExecutorService counting = Executors.newSingleThreadExecutor(daemon("gia-ui-count"));
    /** On a GPU: refreshes the memory in use shown in the status bar (the CUDA runtime's query, off the FX thread). */
    private final java.util.concurrent.ScheduledExecutorService gpuWatch =
            Executors.newSingleThreadScheduledExecutor(daemon("gia-gpu-memory"));
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(false);
    private final StoreAccess storeAccess;
    private final HistoryModel history;
    private final WorkbenchModel model;
    private final MainController main;
    private SweepDialog sweep;
    private final Parent root;

    public Workbench(ComputeService compute) {
        this(compute, null);
    }

    /**
     * @param store where every run started in the window is recorded (null: nowhere); the caller owns it
     */
    public Workbench(ComputeService compute, ExperimentStore store) {
        this.compute = compute;
        this.store = store;
        storeAccess = StoreAccess.of(store, Platform::runLater);
        DatasetModel dataset = new DatasetModel(background, Platform::runLater);
        ModelChoiceModel network = new ModelChoiceModel(Catalog.models(),
                (spec, classes, channels, res) -> ModelInspector.parameterCount(compute, spec, classes, channels, res),
                counting, Platform::runLater);
        AttackModel attack = new AttackModel(Catalog.attacks());
        // The recorder is outermost: it writes each event on the compute thread, then the FX sink coalesces it.
        WorkbenchModel.Runner runner = store == null ? compute::submit
                : (spec, sink) -> compute.submit(spec, store.recorder(spec, RunTags.NONE, sink));
        model = new WorkbenchModel(dataset, network, attack, runner, FxRunEventSink::onFxThread);
        model.apply(Presets.load(START_PRESET));
        history = new HistoryModel(storeAccess);

        Map<MainController.Nav, Parent> panes = new EnumMap<>(MainController.Nav.class);
        panes.put(MainController.Nav.DATASET, Fxml.load("/fxml/dataset/DatasetPane.fxml", c -> new DatasetController(dataset)));
        TrainingModel training = new TrainingModel(network::toSpec, dataset::toSpec, compute::submitTraining,
                ModelInspector::trainedEpochs, ModelInspector::checkpointFolder, Platform::runLater);
        panes.put(MainController.Nav.MODEL, Fxml.load("/fxml/model/ModelPane.fxml", c -> new ModelController(network, training)));
        panes.put(MainController.Nav.ATTACK, Fxml.load("/fxml/attack/AttackPane.fxml", c -> new AttackController(attack)));
        panes.put(MainController.Nav.RUN, Fxml.load("/fxml/run/RunPane.fxml",
                c -> new RunController(model.shownProperty(), darkTheme, model::number)));
        MainController[] frame = new MainController[1];
        panes.put(MainController.Nav.HISTORY, Fxml.load("/fxml/history/HistoryPane.fxml",
                c -> new HistoryController(history, record -> {
                    model.shownProperty().set(record);
                    frame[0].select(MainController.Nav.RUN);
                })));
        org.giaworkbench.ui.ana.AnaPanes.install(panes.get(MainController.Nav.ATTACK), panes.get(MainController.Nav.RUN),
                model.shownProperty(), model::spec, compute::checkModel, background);
        main = new MainController(model, panes, darkTheme, background);
        main.setSweepAction(def -> {
            SweepDialog dialog = sweepDialog();
            if (def != null) {
                dialog.load(def);
            }
            dialog.show();
        });
        frame[0] = main;
        main.setGradSimOpener(owner -> org.giaworkbench.ui.gradsim.GradSimView.show(owner,
                Catalog.models().stream().map(d -> d.id()).toList(), compute::gradientSimilarity));
        root = Fxml.load("/fxml/shell/MainWindow.fxml", c -> main);
        // The table follows this window's runs; runs of other processes appear on Refresh.
        model.endedRunsProperty().addListener((obs, was, now) -> history.refresh());
        history.refresh();
        // What opening the store found (a damaged file moved aside, interrupted runs) shows in a banner.
        if (store != null && !store.notices().isEmpty()) {
            main.showNotice(String.join("\n", store.notices()));
        }
    }

    /** The experiment store the window records into, or null. */
    public ExperimentStore store() {
        return store;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A scene holding the whole window, with the stylesheet and the shortcuts. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Workbench.class.getResource("/css/workbench.css").toExternalForm());
        main.installShortcuts(scene);
        return scene;
    }

    /** Starts the engine off the FX thread and puts its device and version in the status bar. */
    public void loadEngineInfo() {
        background.execute(() -> {
            try {
                var info = compute.engineInfo();
                String engine = info.engine() + " " + info.engineVersion();
                Platform.runLater(() -> model.setEngine(info.deviceDescription(), engine));
                if (info.onGpu()) {
                    gpuWatch.scheduleWithFixedDelay(() -> {
                        String text = info.deviceDescription() + ", " + compute.deviceMemory("auto").replaceFirst("^GPU \\d+ ", "");
                        Platform.runLater(() -> model.setEngine(text, engine));
                    }, 0, 2, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (RuntimeException e) {
                Platform.runLater(() -> model.messageProperty().set(Messages.get("error.withHint", e.getMessage(), "")));
            }
        });
    }

    /**
     * Cancels a running attack and waits (on the calling thread, never the FX thread) until it has
     * stopped or {@code timeoutSeconds} have passed. Returns true when no run is left going.
     */
    public boolean stopRun(RunHandle handle, long timeoutSeconds) {
        if (handle == null) {
            return true;
        }
        handle.cancel();
        try {
            handle.outcome().get(timeoutSeconds, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the helper threads (the compute service is the caller's to close). */
    public void dispose() {
        storeAccess.close();
        background.shutdownNow();
        gpuWatch.shutdownNow();
        counting.shutdownNow();
    }

    public WorkbenchModel model() {
        return model;
    }

    /** The sweep window (made on first use: it needs the main window as owner). */
    public SweepDialog sweepDialog() {
        if (sweep == null) {
            sweep = new SweepDialog(root.getScene() == null ? null : root.getScene().getWindow(), model::spec,
                    new WindowSweeps(compute, store), background);
            // Each finished cell is a stored run: the history shows it.
            sweep.run().resultsProperty().addListener((obs, was, now) -> history.refresh());
        }
        return sweep;
    }

    public HistoryModel history() {
        return history;
    }

    /** The store's background thread for the history and the sweep dialog. */
    public StoreAccess storeAccess() {
        return storeAccess;
    }

    public MainController controller() {
        return main;
    }

    public Parent root() {
        return root;
    }
}
