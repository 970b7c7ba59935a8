package org.giaworkbench.ui.shell;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.core.store.RunOutputs;
import org.giaworkbench.ui.fx.AppIcon;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.RunRecord;

/**
 * The window's frame: toolbar actions, navigation between the panes, the status bar, shortcuts and
 * the theme. Files are read and written on the background executor; only the choosers run here.
 */
public final class MainController {

    /** The panes, in navigation order. */
    public enum Nav { DATASET, MODEL, ATTACK, RUN, HISTORY }

    private final WorkbenchModel model;
    private final Map<Nav, Parent> panes;
    private final BooleanProperty darkTheme;
    private final Executor background;
    private final ToggleGroup navigation = new ToggleGroup();

    @FXML private BorderPane root;
    @FXML private Button runButton;
    @FXML private Button cancelButton;
    @FXML private Button openButton;
    @FXML private Button saveButton;
    @FXML private Button copyButton;
    @FXML private Button exportButton;
    @FXML private Button gradSimButton;
    private java.util.function.Consumer<javafx.stage.Window> gradSimOpener = w -> { };
    @FXML private ToggleButton themeToggle;
    @FXML private javafx.scene.control.MenuButton presetsMenu;
    @FXML private Button sweepButton;
    private java.util.function.Consumer<org.giaworkbench.sweep.SweepDefinition> sweepAction = def -> { };
    @FXML private ToggleButton navDataset;
    @FXML private ToggleButton navModel;
    @FXML private ToggleButton navAttack;
    @FXML private ToggleButton navRun;
    @FXML private ToggleButton navHistory;
    @FXML private StackPane content;
    @FXML private Label deviceLabel;
    @FXML private Label engineLabel;
    @FXML private Label arraysLabel;
    @FXML private Label stateLabel;
    @FXML private Label messageLabel;
    @FXML private javafx.scene.layout.HBox noticeBar;
    @FXML private Label noticeLabel;

    public MainController(WorkbenchModel model, Map<Nav, Parent> panes, BooleanProperty darkTheme, Executor background) {
        this.model = model;
        this.panes = panes;
        this.darkTheme = darkTheme;
        this.background = background;
    }

    @FXML
    private void initialize() {
        decorate(runButton, AppIcon.RUN, "tooltip.run");
        decorate(cancelButton, AppIcon.CANCEL, "tooltip.cancel");
        decorate(openButton, AppIcon.OPEN_SPEC, "tooltip.open");
        decorate(saveButton, AppIcon.SAVE_SPEC, "tooltip.save");
        decorate(copyButton, AppIcon.COPY_CLI, "tooltip.copyCli");
        decorate(exportButton, AppIcon.EXPORT, "tooltip.export");
        gradSimButton.setTooltip(new Tooltip(Messages.get("tooltip.gradsim")));
        themeToggle.setGraphic(AppIcon.THEME.node());
        presetsMenu.setTooltip(new Tooltip(Messages.get("tooltip.presets")));
        presetsMenu.setGraphic(AppIcon.PRESETS.node());
        decorate(sweepButton, AppIcon.SWEEP, "tooltip.sweep");
        // Eleven actions do not fit a 1280-pixel toolbar with their words: the file actions and the
        // theme show their icon alone (the tooltip and the accessible text keep the words).
        themeToggle.setTooltip(new Tooltip(Messages.get("action.theme")));
        for (javafx.scene.control.ButtonBase b : List.of(openButton, saveButton, copyButton, exportButton, themeToggle)) {
            b.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            b.setAccessibleText(b.getText());
        }
        for (String name : org.giaworkbench.core.spec.Presets.names()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(name);
            item.setId("preset-" + name);
            item.setOnAction(e -> loadPreset(name));
            presetsMenu.getItems().add(item);
        }
        // Sweep presets (the seed's findings) open the sweep dialog with their factors.
        presetsMenu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        for (String name : org.giaworkbench.sweep.SweepPresets.names()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(Messages.get("preset.sweep", name));
            item.setId("sweep-preset-" + name);
            item.setOnAction(e -> loadSweepPreset(name));
            presetsMenu.getItems().add(item);
        }

        runButton.disableProperty().bind(model.canRunProperty().not());
        cancelButton.disableProperty().bind(model.runningProperty().not());
        exportButton.disableProperty().bind(model.exportableProperty().not());

        List<ToggleButton> buttons = List.of(navDataset, navModel, navAttack, navRun, navHistory);
        List<AppIcon> icons = List.of(AppIcon.DATASET, AppIcon.MODEL, AppIcon.ATTACK, AppIcon.GALLERY, AppIcon.HISTORY);
        for (Nav nav : Nav.values()) {
            ToggleButton b = buttons.get(nav.ordinal());
            b.setToggleGroup(navigation);
            b.setUserData(nav);
            b.setGraphic(icons.get(nav.ordinal()).node());
            b.setMaxWidth(Double.MAX_VALUE);
            Parent pane = panes.get(nav);
            pane.visibleProperty().bind(b.selectedProperty());
            content.getChildren().add(pane);
        }
        // A navigation button always stays selected: clicking the selected one again does nothing.
        navigation.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null && was != null) {
                was.setSelected(true);
            }
        });
        navDataset.setSelected(true);

        darkTheme.bind(themeToggle.selectedProperty());
        darkTheme.addListener((obs, was, dark) -> {
            root.getStyleClass().remove("gia-dark");
            if (dark) {
                root.getStyleClass().add("gia-dark");
            }
        });

        deviceLabel.setGraphic(AppIcon.DEVICE.node());
        deviceLabel.textProperty().bind(Bindings.createStringBinding(() -> model.deviceProperty().get().isEmpty()
                ? Messages.get("status.starting") : Messages.get("status.device", model.deviceProperty().get()),
                model.deviceProperty()));
        engineLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("status.engine", model.engineProperty().get()), model.engineProperty()));
        engineLabel.visibleProperty().bind(model.engineProperty().isNotEmpty());
        arraysLabel.setGraphic(AppIcon.MEMORY.node());
        arraysLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("status.arrays", model.liveArraysProperty().get()), model.liveArraysProperty()));
        javafx.beans.value.ChangeListener<Object> state = (obs, was, now) -> stateLabel.setText(stateText());
        model.activeProperty().addListener((obs, was, now) -> {
            if (was != null) {
                was.stateProperty().removeListener(state);
            }
            if (now != null) {
                now.stateProperty().addListener(state);
            }
            stateLabel.setText(stateText());
        });
        stateLabel.setText(stateText());
        messageLabel.textProperty().bind(model.messageProperty());
        noticeBar.managedProperty().bind(noticeBar.visibleProperty());
        noticeBar.setVisible(false);
        noticeLabel.setGraphic(AppIcon.WARNING.node());
    }

    /** A non-blocking banner under the toolbar (e.g. the experiment store was damaged and replaced). */
    public void showNotice(String text) {
        noticeLabel.setText(text);
        noticeBar.setVisible(true);
    }

    @FXML
    private void onDismissNotice() {
        noticeBar.setVisible(false);
    }

    private String stateText() {
        RunRecord active = model.activeProperty().get();
        return active == null ? Messages.get("status.noRun") : Messages.get(active.stateProperty().get().messageKey());
    }

    private static void decorate(Button b, AppIcon icon, String tooltip) {
        b.setGraphic(icon.node());
        b.setTooltip(new Tooltip(Messages.get(tooltip)));
    }

    /** Ctrl+R run, Esc cancel, Ctrl+S save spec, Ctrl+O open spec. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::onRun);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), this::onCancel);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::onSave);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::onOpen);
    }

    /** Shows one pane (tests and the history use it too). */
    public void select(Nav nav) {
        navigation.getToggles().stream().filter(t -> t.getUserData() == nav).findFirst().ifPresent(t -> t.setSelected(true));
    }

    /** What the "Gradient similarity" button opens (set by the Workbench, which holds the compute service). */
    public void setGradSimOpener(java.util.function.Consumer<javafx.stage.Window> opener) {
        gradSimOpener = opener;
    }

    @FXML
    private void onGradSim() {
        gradSimOpener.accept(root.getScene() == null ? null : root.getScene().getWindow());
    }

    @FXML
    private void onRun() {
        if (model.run() != null) {
            select(Nav.RUN);
        }
    }

    /** What the Sweep button and the sweep presets open: the sweep dialog, with a preset's factors or as it was (null). */
    public void setSweepAction(java.util.function.Consumer<org.giaworkbench.sweep.SweepDefinition> action) {
        this.sweepAction = action;
    }

    @FXML
    private void onSweep() {
        sweepAction.accept(null);
    }

    /** A sweep preset: its base goes into the panes (the sweep's base is always the panes' spec), then the dialog opens. */
    void loadSweepPreset(String name) {
        try {
            org.giaworkbench.sweep.SweepDefinition def = org.giaworkbench.sweep.SweepPresets.load(name);
            model.apply(SpecJson.bind(def.base()));
            model.messageProperty().set(Messages.get("status.preset", name));
            sweepAction.accept(def);
        } catch (GiaException e) {
            model.messageProperty().set(Messages.get("status.openFailed", e.getMessage()));
        }
    }

    /** Loads a bundled preset into the panes. */
    void loadPreset(String name) {
        try {
            model.apply(org.giaworkbench.core.spec.Presets.load(name));
            model.messageProperty().set(Messages.get("status.preset", name));
        } catch (GiaException e) {
            model.messageProperty().set(Messages.get("status.openFailed", e.getMessage()));
        }
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onOpen() {
        FileChooser chooser = specChooser();
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file == null) {
            return;
        }
        background.execute(() -> {
            try {
                var spec = SpecJson.read(file.toPath());
                Platform.runLater(() -> {
                    model.apply(spec);
                    model.messageProperty().set(Messages.get("status.opened", file.getName()));
                });
            } catch (GiaException e) {
                Platform.runLater(() -> model.messageProperty().set(Messages.get("status.openFailed", e.getMessage())));
            }
        });
    }

    @FXML
    private void onSave() {
        String json;
        try {
            json = SpecJson.write(model.spec());
        } catch (RuntimeException invalid) {
            model.messageProperty().set(Messages.get("status.saveFailed", invalid.getMessage()));
            return;
        }
        FileChooser chooser = specChooser();
        chooser.setInitialFileName("experiment.json");
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) {
            return;
        }
        background.execute(() -> {
            try {
                Files.writeString(file.toPath(), json + System.lineSeparator(), StandardCharsets.UTF_8);
                Platform.runLater(() -> model.messageProperty().set(Messages.get("status.saved", file.getName())));
            } catch (java.io.IOException e) {
                Platform.runLater(() -> model.messageProperty().set(Messages.get("status.saveFailed", e.getMessage())));
            }
        });
    }

    @FXML
    private void onCopyCli() {
        String line;
        try {
            line = model.cliCommand();
        } catch (RuntimeException invalid) {
            model.messageProperty().set(Messages.get("status.saveFailed", invalid.getMessage()));
            return;
        }
        ClipboardContent clip = new ClipboardContent();
        clip.putString(line);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(clip);
        model.messageProperty().set(Messages.get("status.copied", line));
    }

    @FXML
    private void onExport() {
        RunRecord shown = model.shownProperty().get();
        RunResult result = shown == null ? null : shown.resultProperty().get();
        if (result == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir == null) {
            return;
        }
        Path target = dir.toPath();
        background.execute(() -> {
            try {
                RunOutputs.writeAll(result, target);
                Platform.runLater(() -> model.messageProperty().set(Messages.get("status.exported", target)));
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> model.messageProperty().set(Messages.get("status.exportFailed", e.getMessage())));
            }
        });
    }

    private static FileChooser specChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Experiment spec (JSON)", "*.json"));
        return chooser;
    }
}
