package org.giaworkbench.ui.sweep;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.ui.fx.Messages;

/**
 * The sweep dialog: edits a {@link SweepForm}, starts and cancels a {@link SweepRunModel}, and shows
 * its results as a table and a {@link TrendLineChart}; PNG and CSV exports are written in the background.
 */
public final class SweepController {

    private final SweepForm form;
    private final SweepRunModel run;
    private final Supplier<ExperimentSpec> base;
    private final Executor background;
    private final TrendLineChart chart = new TrendLineChart();

    @FXML private Label baseLabel;
    @FXML private VBox varyRows;
    @FXML private Spinner<Integer> seedsSpinner;
    @FXML private Label sweepSummary;
    @FXML private Button sweepRunButton;
    @FXML private Button sweepCancelButton;
    @FXML private Button addRowButton;
    @FXML private ProgressBar overallBar;
    @FXML private Label cellLabel;
    @FXML private ProgressBar cellBar;
    @FXML private Label statusLabel;
    @FXML private TableView<SweepResults.GroupStats> resultTable;
    @FXML private TableColumn<SweepResults.GroupStats, String> groupColumn;
    @FXML private TableColumn<SweepResults.GroupStats, Double> meanColumn;
    @FXML private TableColumn<SweepResults.GroupStats, Double> stdColumn;
    @FXML private TableColumn<SweepResults.GroupStats, Integer> nColumn;
    @FXML private StackPane chartHolder;
    @FXML private Button pngButton;
    @FXML private Button csvButton;
    @FXML private Label exportLabel;

    public SweepController(SweepForm form, SweepRunModel run, Supplier<ExperimentSpec> base, Executor background) {
        this.form = form;
        this.run = run;
        this.base = base;
        this.background = background;
    }

    @FXML
    private void initialize() {
        chart.setId("trendChart");
        chartHolder.getChildren().add(chart);
        refreshBase();
        form.rows().addListener((ListChangeListener<SweepForm.Row>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    drawRows();
                    return;
                }
            }
        });
        drawRows();
        seedsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 50, form.seedsProperty().get()));
        seedsSpinner.valueProperty().addListener((obs, was, now) -> form.seedsProperty().set(now));
        form.seedsProperty().addListener((obs, was, now) -> seedsSpinner.getValueFactory().setValue(now.intValue()));
        sweepSummary.textProperty().bind(form.summaryProperty());

        sweepRunButton.disableProperty().bind(run.runningProperty().or(form.validProperty().not()));
        sweepCancelButton.disableProperty().bind(run.runningProperty().not());
        addRowButton.disableProperty().bind(run.runningProperty());
        varyRows.disableProperty().bind(run.runningProperty());
        seedsSpinner.disableProperty().bind(run.runningProperty());
        overallBar.progressProperty().bind(run.overallProgressProperty());
        cellBar.progressProperty().bind(run.cellProgressProperty());
        cellLabel.textProperty().bind(Bindings.createStringBinding(() -> run.cellCountProperty().get() == 0 ? ""
                : Messages.get("sweep.cellOf", run.cellNumberProperty().get(), run.cellCountProperty().get()),
                run.cellNumberProperty(), run.cellCountProperty()));
        statusLabel.textProperty().bind(run.statusProperty());

        column(groupColumn, g -> g.group().isEmpty() ? Messages.get("sweep.chart.base") : g.group(), v -> v);
        column(meanColumn, g -> psnr(g).mean(), v -> num(v, 2));
        column(stdColumn, g -> psnr(g).sd(), v -> num(v, 2));
        column(nColumn, g -> psnr(g).n(), String::valueOf);
        resultTable.setItems(run.groups());
        resultTable.setPlaceholder(new Label(Messages.get("sweep.noResults")));
        run.groups().addListener((ListChangeListener<SweepResults.GroupStats>) c -> drawChart());
        pngButton.disableProperty().bind(Bindings.isEmpty(run.groups()));
        csvButton.disableProperty().bind(run.resultsProperty().isNull());
    }

    /** Shows the base the cells start from (the panes' settings now). */
    void refreshBase() {
        try {
            ExperimentSpec s = base.get();
            baseLabel.setText(Messages.get("sweep.base", s.attack().id(), s.model().arch(), s.model().weights(),
                    s.data().batch(), s.data().resolution(), String.valueOf(s.attack().params().getOrDefault("iterations", "-"))));
        } catch (RuntimeException invalid) {
            baseLabel.setText(Messages.get("sweep.baseInvalid", invalid.getMessage()));
        }
    }

    private void drawRows() {
        varyRows.getChildren().clear();
        int i = 0;
        for (SweepForm.Row r : form.rows()) {
            ComboBox<String> key = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(SweepForm.COMMON_KEYS));
            key.setEditable(true);
            key.setPromptText(Messages.get("sweep.key"));
            key.setValue(r.keyProperty().get());
            key.setPrefWidth(190);
            key.setId("varyKey-" + i);
            // The editor's text is the key as typed, before the combo commits it.
            key.getEditor().textProperty().addListener((obs, was, now) -> r.keyProperty().set(now));
            key.valueProperty().addListener((obs, was, now) -> r.keyProperty().set(now == null ? "" : now));
            TextField values = new TextField(r.valuesProperty().get());
            values.setPromptText(Messages.get("sweep.values"));
            values.setId("varyValues-" + i);
            r.valuesProperty().bind(values.textProperty());
            Button remove = new Button(Messages.get("sweep.removeRow"));
            remove.setOnAction(e -> {
                r.valuesProperty().unbind();
                form.rows().remove(r);
            });
            HBox row = new HBox(8, key, values, remove);
            HBox.setHgrow(values, Priority.ALWAYS);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            varyRows.getChildren().add(row);
            i++;
        }
    }

    private void drawChart() {
        SweepPlan p = run.plan();
        chart.show(p == null ? java.util.Map.of() : p.definition().vary(), run.groups());
    }

    private static SweepResults.Stat psnr(SweepResults.GroupStats g) {
        SweepResults.Stat s = g.stats().get(SweepResults.PSNR);
        return s == null ? new SweepResults.Stat(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN) : s;
    }

    private static <T> void column(TableColumn<SweepResults.GroupStats, T> column, Function<SweepResults.GroupStats, T> value,
                                   Function<T, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : text.apply(v));
            }
        });
    }

    private static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    @FXML
    private void onAddRow() {
        form.addRow(form.rows().isEmpty() ? "data.batch" : "", "");
    }

    @FXML
    private void onRun() {
        refreshBase();
        try {
            run.start(form.plan());
        } catch (RuntimeException invalid) {
            run.statusProperty().set(invalid.getMessage());
        }
    }

    @FXML
    private void onCancel() {
        run.cancel();
    }

    @FXML
    private void onExportPng() {
        File file = choose("sweep-trend.png", "PNG image", "*.png");
        if (file == null) {
            return;
        }
        WritableImage image = chart.snapshot(null, null);
        background.execute(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
                done(Messages.get("status.exported", file));
            } catch (java.io.IOException | RuntimeException e) {
                done(Messages.get("status.exportFailed", e.getMessage()));
            }
        });
    }

    @FXML
    private void onExportCsv() {
        File file = choose("sweep.csv", "CSV table", "*.csv");
        if (file == null) {
            return;
        }
        SweepResults results = run.resultsProperty().get();
        if (results == null) {
            return;
        }
        String csv = results.groupsCsv();
        background.execute(() -> {
            try {
                Files.writeString(file.toPath(), csv, StandardCharsets.UTF_8);
                done(Messages.get("status.exported", file));
            } catch (java.io.IOException e) {
                done(Messages.get("status.exportFailed", e.getMessage()));
            }
        });
    }

    private File choose(String name, String what, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        return chooser.showSaveDialog(resultTable.getScene().getWindow());
    }

    private void done(String text) {
        Platform.runLater(() -> exportLabel.setText(text));
    }
}
