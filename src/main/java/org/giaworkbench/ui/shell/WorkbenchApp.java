package org.giaworkbench.ui.shell;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.ui.fx.Messages;

/**
 * The desktop application. Started through {@code app.Launcher} (a class that is not an Application,
 * so that JavaFX loads from the classpath). Two system properties help demos and screenshots:
 * {@code -Dgia.spec=FILE} opens a spec at start and {@code -Dgia.autorun=true} runs it at once.
 */
public final class WorkbenchApp extends Application {

    /** How long closing the window waits for a cancelled run to stop before it closes anyway. */
    static final long CLOSE_WAIT_SECONDS = 20;

    private ComputeService compute;
    private ExperimentStore store;
    private String storeError;
    private Workbench workbench;

    /** Opens the window and returns when it has closed. */
    public static void open(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }

    /** On the launcher thread, not the FX thread: opening (and checking) the store may take a moment. */
    @Override
    public void init() {
        try {
            store = ExperimentStore.openDefault(null);
            store.notices().forEach(n -> System.err.println("gia: " + n));
        } catch (GiaException e) {
            storeError = Messages.get("notice.noStore", e.getMessage() + (e.hint().isEmpty() ? "" : " (" + e.hint() + ")"));
            System.err.println("gia: " + storeError);
        }
    }

    @Override
    public void start(Stage stage) {
        compute = new ComputeService();
        workbench = new Workbench(compute, store);
        if (storeError != null) {
            workbench.controller().showNotice(storeError);
        }
        String specFile = System.getProperty("gia.spec");
        if (specFile != null && !specFile.isBlank()) {
            workbench.model().apply(SpecJson.read(java.nio.file.Path.of(specFile)));
        }
        stage.setTitle(Messages.get("app.title"));
        stage.setScene(workbench.createScene(1360, 860));
        stage.setMinWidth(980);
        stage.setMinHeight(640);
        stage.setOnCloseRequest(e -> {
            e.consume();
            close(stage);
        });
        stage.show();
        workbench.loadEngineInfo();
        if (Boolean.getBoolean("gia.autorun")) {
            workbench.controller().select(MainController.Nav.RUN);
            // The settings become runnable once the dataset preview has been read.
            WorkbenchModel model = workbench.model();
            javafx.beans.value.ChangeListener<Boolean> once = new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                    if (now) {
                        obs.removeListener(this);
                        model.run();
                    }
                }
            };
            model.canRunProperty().addListener(once);
            once.changed(model.canRunProperty(), false, model.canRunProperty().get());
        }
    }

    /** Cancel, wait for the run off the FX thread (bounded), free the engine, then exit. */
    private void close(Stage stage) {
        stage.getScene().getRoot().setDisable(true);
        RunHandle running = workbench.model().activeHandle();
        Thread closer = new Thread(() -> {
            workbench.stopRun(running, CLOSE_WAIT_SECONDS);
            workbench.dispose();
            compute.close();
            if (store != null) {
                store.close();
            }
            Platform.runLater(Platform::exit);
        }, "gia-close");
        closer.setDaemon(true);
        closer.start();
    }
}
