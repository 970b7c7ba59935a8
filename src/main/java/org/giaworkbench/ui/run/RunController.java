package org.giaworkbench.ui.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.giaworkbench.ui.fx.AppIcon;
import org.giaworkbench.ui.fx.Messages;

/**
 * The run and gallery pane: shows one {@link RunRecord} (the newest run, or one picked in the history).
 * Switching records rebinds everything; nothing here waits for the compute thread.
 */
public final class RunController {

    private final ObjectProperty<RunRecord> shown;
    private final BooleanProperty darkTheme;
    private final ToIntFunction<RunRecord> numbering;
    private final List<Runnable> unbinders = new ArrayList<>();
    private RunTiles runTiles;

    @FXML private Label titleLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label bannerLabel;
    @FXML private Label hintLabel;
    @FXML private HBox tiles;
    @FXML private Label extraLabel;
    @FXML private FlowPane gallery;
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private LineChart<Number, Number> psnrChart;

    public RunController(ObjectProperty<RunRecord> shown, BooleanProperty darkTheme, ToIntFunction<RunRecord> numbering) {
        this.shown = shown;
        this.darkTheme = darkTheme;
        this.numbering = numbering;
    }

    @FXML
    private void initialize() {
        darkTheme.addListener((obs, was, dark) -> runTiles.paint(dark));
        hintLabel.visibleProperty().bind(hintLabel.textProperty().isNotEmpty());
        hintLabel.managedProperty().bind(hintLabel.visibleProperty());
        extraLabel.visibleProperty().bind(extraLabel.textProperty().isNotEmpty());
        extraLabel.managedProperty().bind(extraLabel.visibleProperty());
        shown.addListener((obs, was, now) -> show(now));
        show(shown.get());
    }

    private void show(RunRecord r) {
        unbinders.forEach(Runnable::run);
        unbinders.clear();
        bannerLabel.getStyleClass().removeIf(c -> c.startsWith("gia-state-"));
        // Fresh tiles for every run shown: a sparkline cannot be emptied.
        runTiles = new RunTiles();
        runTiles.paint(darkTheme.get());
        tiles.getChildren().setAll(runTiles.all());
        if (r == null) {
            progressBar.setProgress(0);
            progressLabel.setText("");
            bannerLabel.setText(Messages.get("run.idle"));
            bannerLabel.setGraphic(null);
            hintLabel.setText("");
            extraLabel.setText("");
            gallery.getChildren().clear();
            lossChart.getData().clear();
            psnrChart.getData().clear();
            return;
        }
        Runnable progress = () -> {
            int total = r.totalIterationsProperty().get();
            int it = r.iterationProperty().get();
            progressBar.setProgress(r.stateProperty().get() == RunState.STARTING ? ProgressBar.INDETERMINATE_PROGRESS
                    : total > 0 ? Math.min(1.0, it / (double) total) : 0);
            progressLabel.setText(Messages.get("run.progress", it, total,
                    String.format(Locale.ROOT, "%.1f", r.iterationsPerSecondProperty().get()), eta(r)));
            runTiles.setIteration(it, total);
            if (r.stateProperty().get() == RunState.RUNNING) {
                RunTiles.set(runTiles.speed, r.iterationsPerSecondProperty().get());
            }
        };
        watch(progress, r.iterationProperty(), r.totalIterationsProperty(), r.iterationsPerSecondProperty(), r.stateProperty());
        watch(() -> {
            RunTiles.set(runTiles.psnr, r.psnrProperty().get());
            RunTiles.set(runTiles.ssim, r.ssimProperty().get());
        }, r.psnrProperty(), r.ssimProperty());
        watch(() -> showBanner(r), r.stateProperty(), r.outcomeProperty());
        hintLabel.textProperty().bind(r.hintProperty());
        unbinders.add(hintLabel.textProperty()::unbind);
        extraLabel.textProperty().bind(r.extraMeansProperty());
        unbinders.add(extraLabel.textProperty()::unbind);
        titleLabel.setText(r.title(numbering.applyAsInt(r)));

        ListChangeListener<GalleryPair> pairs = c -> drawGallery(r);
        r.pairs().addListener(pairs);
        unbinders.add(() -> r.pairs().removeListener(pairs));
        drawGallery(r);
        lossChart.getData().setAll(List.of(new XYChart.Series<>(r.lossSeries().data())));
        psnrChart.getData().setAll(List.of(new XYChart.Series<>(r.psnrSeries().data())));
    }

    private void showBanner(RunRecord r) {
        bannerLabel.getStyleClass().removeIf(c -> c.startsWith("gia-state-"));
        RunState s = r.stateProperty().get();
        if (!s.isTerminal()) {
            bannerLabel.setText(Messages.get(s.messageKey()) + "\u2026");
            bannerLabel.setGraphic(null);
            return;
        }
        bannerLabel.getStyleClass().add("gia-state-" + s.name().toLowerCase(Locale.ROOT));
        bannerLabel.setText(r.outcomeProperty().get());
        bannerLabel.setGraphic((switch (s) {
            case FINISHED -> AppIcon.SUCCESS;
            case CANCELLED -> AppIcon.CANCELLED;
            case DIVERGED -> AppIcon.WARNING;
            default -> AppIcon.ERROR;
        }).node());
    }

    private static String eta(RunRecord r) {
        double s = r.etaSeconds();
        if (Double.isNaN(s) || r.stateProperty().get().isTerminal()) {
            return "-";
        }
        long t = Math.round(s);
        return String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }

    private void watch(Runnable update, ObservableValue<?>... values) {
        ChangeListener<Object> listener = (obs, was, now) -> update.run();
        for (ObservableValue<?> v : values) {
            v.addListener(listener);
            unbinders.add(() -> v.removeListener(listener));
        }
        update.run();
    }

    private void drawGallery(RunRecord r) {
        List<VBox> cells = new ArrayList<>();
        for (GalleryPair p : r.pairs()) {
            cells.add(PairCells.pair(p, pair -> openDetail(new PairSelection(r, pair))));
        }
        gallery.getChildren().setAll(cells);
    }

    /** A pair the user clicked, with the run it belongs to (for its metric history). */
    record PairSelection(RunRecord run, GalleryPair pair) {
    }

    private void openDetail(PairSelection s) {
        PairDetailView.show(gallery.getScene().getWindow(), s.run(), s.pair());
    }
}
