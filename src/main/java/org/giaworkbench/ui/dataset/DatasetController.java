package org.giaworkbench.ui.dataset;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.giaworkbench.ui.fx.AppIcon;
import org.giaworkbench.ui.fx.Images;
import org.giaworkbench.ui.fx.Messages;

/** Binds the dataset pane to its {@link DatasetModel}; draws the preview thumbnails. */
public final class DatasetController {

    private final DatasetModel model;
    // Spinners bind to object views of the int properties; the views must stay reachable.
    private final List<ObjectProperty<Integer>> spinnerLinks = new ArrayList<>();

    @FXML private ComboBox<String> sourceBox;
    @FXML private TextField pathField;
    @FXML private Button browseButton;
    @FXML private Spinner<Integer> resolutionSpinner;
    @FXML private Spinner<Integer> batchSpinner;
    @FXML private Spinner<Integer> sameLabelSpinner;
    @FXML private Spinner<Integer> seedSpinner;
    @FXML private Spinner<Integer> subsetSpinner;
    @FXML private TextField indexField;
    @FXML private ComboBox<String> normalizationBox;
    @FXML private Label errorLabel;
    @FXML private Label descriptionLabel;
    @FXML private FlowPane thumbnails;

    public DatasetController(DatasetModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        sourceBox.setItems(FXCollections.observableArrayList(DatasetModel.SOURCES));
        sourceBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : Messages.get("dataset.source." + id);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        sourceBox.valueProperty().bindBidirectional(model.sourceProperty());
        pathField.textProperty().bindBidirectional(model.pathProperty());
        pathField.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.needsPath(), model.sourceProperty()));
        browseButton.disableProperty().bind(pathField.disableProperty());
        browseButton.setGraphic(AppIcon.FOLDER.node());
        link(resolutionSpinner, model.resolutionProperty(), 8, 1024);
        link(batchSpinner, model.batchProperty(), 1, 4096);
        link(sameLabelSpinner, model.sameLabelProperty(), 0, 4096);
        link(seedSpinner, model.seedProperty(), 0, Integer.MAX_VALUE);
        link(subsetSpinner, model.subsetProperty(), 0, 100_000);
        indexField.textProperty().bindBidirectional(model.indexProperty());
        normalizationBox.setItems(FXCollections.observableArrayList(DatasetModel.NORMALIZATIONS));
        normalizationBox.valueProperty().bindBidirectional(model.normalizationProperty());

        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        descriptionLabel.textProperty().bind(javafx.beans.binding.Bindings.when(model.loadingProperty())
                .then(Messages.get("dataset.loading")).otherwise(model.descriptionProperty()));
        model.thumbnails().addListener((ListChangeListener<DatasetModel.Thumbnail>) c -> drawThumbnails());
        drawThumbnails();
    }

    private void link(Spinner<Integer> spinner, IntegerProperty property, int min, int max) {
        spinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get()));
        ObjectProperty<Integer> view = property.asObject();
        spinnerLinks.add(view);
        spinner.getValueFactory().valueProperty().bindBidirectional(view);
    }

    private void drawThumbnails() {
        List<VBox> cells = new ArrayList<>();
        for (DatasetModel.Thumbnail t : model.thumbnails()) {
            int scale = Math.max(1, 64 / t.batch().height());
            ImageView view = new ImageView(Images.of(t.batch(), t.position(), scale));
            Label label = new Label(t.labelName() + " \u00b7 #" + t.datasetIndex());
            VBox cell = new VBox(view, label);
            cell.getStyleClass().add("gia-thumb");
            cells.add(cell);
        }
        thumbnails.getChildren().setAll(cells);
    }

    @FXML
    private void onBrowse() {
        File chosen;
        if (model.sourceProperty().get().startsWith("cifar")) {
            FileChooser files = new FileChooser();
            files.setTitle(Messages.get("dataset.chooseFolder"));
            chosen = files.showOpenDialog(pathField.getScene().getWindow());
        } else {
            DirectoryChooser folders = new DirectoryChooser();
            folders.setTitle(Messages.get("dataset.chooseFolder"));
            chosen = folders.showDialog(pathField.getScene().getWindow());
        }
        if (chosen != null) {
            model.pathProperty().set(chosen.getAbsolutePath());
        }
    }
}
