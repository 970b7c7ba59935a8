package org.giaworkbench.ui.model;

import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.ui.fx.AppIcon;
import org.giaworkbench.ui.fx.Messages;

/** Binds the model pane to its {@link ModelChoiceModel}. */
public final class ModelController {

    private final ModelChoiceModel model;
    private final TrainingModel training;
    private TrainingDialog dialog;
    private ObjectProperty<Integer> seedLink;

    @FXML private ComboBox<PluginDescriptor> archBox;
    @FXML private Label archDescription;
    @FXML private ComboBox<String> activationBox;
    @FXML private RadioButton untrainedRadio;
    @FXML private RadioButton bundledRadio;
    @FXML private RadioButton fileRadio;
    @FXML private TextField fileField;
    @FXML private RadioButton trainedRadio;
    @FXML private ComboBox<Integer> trainedBox;
    @FXML private Button trainButton;
    @FXML private Button browseButton;
    @FXML private Spinner<Integer> seedSpinner;
    @FXML private ComboBox<String> batchNormBox;
    @FXML private ComboBox<String> initBox;
    @FXML private TextField classesField;
    @FXML private Label parametersLabel;
    @FXML private Label errorLabel;

    public ModelController(ModelChoiceModel model) {
        this(model, null);
    }

    /** With {@code training} (may be null: no Train action), the pane offers trained checkpoints. */
    public ModelController(ModelChoiceModel model, TrainingModel training) {
        this.model = model;
        this.training = training;
    }

    @FXML
    private void initialize() {
        archBox.setItems(model.architectures());
        archBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(PluginDescriptor d) {
                return d == null ? "" : d.name();
            }

            @Override
            public PluginDescriptor fromString(String s) {
                return null;
            }
        });
        archBox.valueProperty().bindBidirectional(model.archProperty());
        archDescription.textProperty().bind(Bindings.createStringBinding(
                () -> model.archProperty().get() == null ? "" : model.archProperty().get().summary(), model.archProperty()));
        activationBox.setItems(model.activations());
        activationBox.valueProperty().bindBidirectional(model.activationProperty());

        ToggleGroup weights = new ToggleGroup();
        untrainedRadio.setToggleGroup(weights);
        untrainedRadio.setUserData(ModelChoiceModel.Weights.UNTRAINED);
        bundledRadio.setToggleGroup(weights);
        bundledRadio.setUserData(ModelChoiceModel.Weights.BUNDLED);
        fileRadio.setToggleGroup(weights);
        fileRadio.setUserData(ModelChoiceModel.Weights.FILE);
        trainedRadio.setToggleGroup(weights);
        trainedRadio.setUserData(ModelChoiceModel.Weights.TRAINED);
        bindTrained();
        bundledRadio.disableProperty().bind(model.bundledAvailableProperty().not());
        weights.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.weightsProperty().set((ModelChoiceModel.Weights) now.getUserData());
            }
        });
        model.weightsProperty().addListener((obs, was, now) -> selectWeights(weights, now));
        selectWeights(weights, model.weightsProperty().get());
        fileField.textProperty().bindBidirectional(model.weightsFileProperty());
        fileField.disableProperty().bind(model.weightsProperty().isNotEqualTo(ModelChoiceModel.Weights.FILE));
        browseButton.disableProperty().bind(fileField.disableProperty());
        browseButton.setGraphic(AppIcon.FOLDER.node());

        seedSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Integer.MAX_VALUE,
                model.seedProperty().get()));
        seedLink = model.seedProperty().asObject();
        seedSpinner.getValueFactory().valueProperty().bindBidirectional(seedLink);
        initBox.setItems(FXCollections.observableArrayList(ModelSpec.INIT_REFERENCE, ModelSpec.INIT_WORKBENCH));
        initBox.valueProperty().bindBidirectional(model.initProperty());
        initBox.setTooltip(new Tooltip(Messages.get("model.init.tooltip")));
        initBox.disableProperty().bind(model.weightsProperty().isNotEqualTo(ModelChoiceModel.Weights.UNTRAINED));
        batchNormBox.setItems(FXCollections.observableArrayList("eval", "train"));
        batchNormBox.valueProperty().bindBidirectional(model.batchNormProperty());
        classesField.textProperty().bindBidirectional(model.numClassesProperty());

        parametersLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            long n = model.parameterCountProperty().get();
            if (n < 0) {
                return Messages.get("model.parameters.unknown");
            }
            return Messages.get("model.parameters.value", String.format(Locale.ROOT, "%,d", n),
                    String.format(Locale.ROOT, "%.2f", n * 4 / 1e6));
        }, model.parameterCountProperty()));
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
    }

    /** The trained:K choice: the epochs with a checkpoint for this model and the dataset pane's data. */
    private void bindTrained() {
        trainedBox.valueProperty().bindBidirectional(model.trainedEpochProperty());
        trainedBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null ? "" : Messages.get("model.weights.trained.epoch", k);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        trainedBox.disableProperty().bind(model.weightsProperty().isNotEqualTo(ModelChoiceModel.Weights.TRAINED));
        if (training == null) {
            trainButton.setVisible(false);
            trainedRadio.setDisable(true);
            return;
        }
        trainedBox.setItems(training.available());
        trainButton.setGraphic(AppIcon.RUN.node());
        // The listing is a few directory entries: cheap enough for the FX thread, refreshed when the choice can change.
        model.archProperty().addListener((o, a, b) -> training.refreshAvailable());
        model.activationProperty().addListener((o, a, b) -> training.refreshAvailable());
        model.resolutionProperty().addListener((o, a, b) -> training.refreshAvailable());
        trainedRadio.sceneProperty().addListener((o, a, b) -> training.refreshAvailable());
        training.available().addListener((javafx.collections.ListChangeListener<Integer>) c -> {
            boolean added = false;
            while (c.next()) {
                added |= c.wasAdded();
            }
            // A new checkpoint (a training just wrote it) or a vanished choice: offer the newest. Later in
            // this pulse: a ComboBox whose value changes inside its own items' change event shows a blank cell.
            if (added || model.trainedEpochProperty().get() == null
                    || !training.available().contains(model.trainedEpochProperty().get())) {
                javafx.application.Platform.runLater(() -> model.trainedEpochProperty().set(
                        training.available().isEmpty() ? null : training.available().get(training.available().size() - 1)));
            }
        });
        training.refreshAvailable();
    }

    @FXML
    private void onTrain() {
        if (dialog == null) {
            dialog = new TrainingDialog(training, trainButton.getScene().getWindow());
        }
        dialog.show();
    }

    private static void selectWeights(ToggleGroup group, ModelChoiceModel.Weights w) {
        group.getToggles().stream().filter(t -> t.getUserData() == w).findFirst().ifPresent(t -> t.setSelected(true));
    }

    @FXML
    private void onBrowse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("model.chooseFile"));
        chooser.getExtensionFilters().add(model.isTorchScript()
                ? new FileChooser.ExtensionFilter("TorchScript .pt", "*.pt", "*.pth", "*.ts")
                : new FileChooser.ExtensionFilter("NumPy .npz", "*.npz"));
        File f = chooser.showOpenDialog(fileField.getScene().getWindow());
        if (f != null) {
            model.weightsFileProperty().set(f.getAbsolutePath());
        }
    }
}
