package org.giaworkbench.ui.history;

import java.util.Locale;
import java.util.function.ToIntFunction;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.RunRecord;

/**
 * This session's runs, newest last; selecting one makes the run pane show it again. The list shares
 * the workbench model's records, so a running entry updates in place.
 */
public final class HistoryController {

    private final ObservableList<RunRecord> runs;
    private final ObjectProperty<RunRecord> shown;
    private final ToIntFunction<RunRecord> numbering;
    private final Runnable showRunPane;

    @FXML private ListView<RunRecord> runList;

    public HistoryController(ObservableList<RunRecord> runs, ObjectProperty<RunRecord> shown,
                             ToIntFunction<RunRecord> numbering, Runnable showRunPane) {
        this.runs = runs;
        this.shown = shown;
        this.numbering = numbering;
        this.showRunPane = showRunPane;
    }

    @FXML
    private void initialize() {
        runList.setItems(runs);
        runList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                textProperty().unbind();
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> Messages.get("history.item",
                        r.title(numbering.applyAsInt(r)), Messages.get(r.stateProperty().get().messageKey()),
                        Double.isFinite(r.psnrProperty().get())
                                ? Messages.get("history.psnr", String.format(Locale.ROOT, "%.2f", r.psnrProperty().get()))
                                : "-"), r.stateProperty(), r.psnrProperty()));
            }
        });
        runList.setOnMouseClicked(e -> {
            RunRecord r = runList.getSelectionModel().getSelectedItem();
            if (r != null) {
                shown.set(r);
                showRunPane.run();
            }
        });
    }
}
