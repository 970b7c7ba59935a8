package org.giaworkbench.ui.sweep;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.fx.Fxml;
import org.giaworkbench.ui.fx.Messages;

/**
 * The sweep window (not modal: the main window stays usable; its runs queue behind the sweep's on
 * the compute thread). One per main window; closing it hides it, and a running sweep goes on.
 */
public final class SweepDialog {

    private final SweepForm form;
    private final SweepRunModel run;
    private final SweepController controller;
    private final Stage stage = new Stage();

    public SweepDialog(Window owner, Supplier<ExperimentSpec> base, SweepService service, Executor background) {
        form = new SweepForm(base);
        form.addRow("data.batch", "1,2,4");
        run = new SweepRunModel(service, Platform::runLater);
        controller = new SweepController(form, run, base, background);
        Parent root = Fxml.load("/fxml/sweep/SweepDialog.fxml", c -> controller);
        Scene scene = new Scene(root, 1000, 720);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.equals("gia-dark")));
        }
        stage.initOwner(owner);
        stage.setTitle(Messages.get("sweep.title"));
        stage.setScene(scene);
    }

    /** Shows the dialog with the panes' current settings as the base. */
    public void show() {
        controller.refreshBase();
        stage.show();
        stage.toFront();
    }

    /** Fills the form from a sweep preset (its base is the caller's to put into the panes first). */
    public void load(org.giaworkbench.sweep.SweepDefinition def) {
        form.load(def);
    }

    public SweepForm form() {
        return form;
    }

    public SweepRunModel run() {
        return run;
    }

    public Stage stage() {
        return stage;
    }
}
