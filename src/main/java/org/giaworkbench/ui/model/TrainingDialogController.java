package org.giaworkbench.ui.model;

import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import org.giaworkbench.core.train.TrainingSpec;

/** Binds the training dialog to its {@link TrainingModel}; the job itself runs on the compute thread. */
public final class TrainingDialogController {

    private final TrainingModel model;
    private ObjectProperty<Integer> epochsLink;
    private ObjectProperty<Integer> batchLink;

    @FXML private Label targetLabel;
    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Spinner<Integer> batchSpinner;
    @FXML private ComboBox<String> optimizerBox;
    @FXML private TextField lrField;
    @FXML private Button startButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> accuracyChart;

    public TrainingDialogController(TrainingModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        targetLabel.textProperty().bind(model.targetProperty());
        epochsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1000, model.epochsProperty().get()));
        epochsLink = model.epochsProperty().asObject();
        epochsSpinner.getValueFactory().valueProperty().bindBidirectional(epochsLink);
        batchSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(2, 1024, model.batchProperty().get()));
        batchLink = model.batchProperty().asObject();
        batchSpinner.getValueFactory().valueProperty().bindBidirectional(batchLink);
        optimizerBox.setItems(FXCollections.observableArrayList(TrainingSpec.SGD, TrainingSpec.ADAM));
        optimizerBox.valueProperty().bindBidirectional(model.optimizerProperty());
        lrField.textProperty().bindBidirectional(model.learningRateProperty());
        for (var c : new javafx.scene.Node[] {epochsSpinner, batchSpinner, optimizerBox, lrField, startButton}) {
            c.disableProperty().bind(model.runningProperty());
        }
        cancelButton.disableProperty().bind(model.runningProperty().not());
        progressBar.progressProperty().bind(model.progressProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        lossChart.getData().add(model.lossSeries());
        accuracyChart.getData().add(model.heldOutAccuracySeries());
    }

    @FXML
    private void onStart() {
        model.start();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }
}
