package org.giaworkbench.ui.model;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.ui.fx.Fxml;
import org.giaworkbench.ui.fx.Messages;

/**
 * The "Train…" window: not modal, so the workbench stays usable; closing it leaves a running job
 * running (its progress is still there when the window opens again).
 */
public final class TrainingDialog {

    private final TrainingModel model;
    private final Stage stage;

    public TrainingDialog(TrainingModel model, Window owner) {
        this.model = model;
        Parent root = Fxml.load("/fxml/model/TrainingDialog.fxml", c -> new TrainingDialogController(model));
        stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("train.title"));
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot() != null) {
                root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(s -> s.equals("gia-dark")));
            }
        }
        stage.setScene(scene);
    }

    public void show() {
        if (!model.runningProperty().get()) {
            model.describe();
        }
        model.refreshAvailable();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }
}
