package org.giaworkbench.ui.history;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.DecimatedSeries;
import org.giaworkbench.ui.run.GalleryPair;
import org.giaworkbench.ui.run.PairCells;
import org.giaworkbench.ui.run.RunRecord;

/**
 * Two to four stored runs side by side: the first run's ground truths in one column, each run's
 * reconstruction of the same image next to them with its PSNR (marked when a run attacked another
 * image at that position), and every run's PSNR and loss curves overlaid.
 */
final class CompareView {

    private CompareView() {
    }

    static Stage show(Window owner, List<RunRecord> runs) {
        GridPane grid = new GridPane();
        grid.setId("compareGrid");
        grid.getStyleClass().add("gia-compare-grid");
        RunRecord first = runs.get(0);
        grid.add(header(Messages.get("compare.truth")), 0, 0);
        for (int c = 0; c < runs.size(); c++) {
            RunRecord r = runs.get(c);
            Label h = header(Messages.get("compare.column", r.storedId(), r.spec().attack().id(), r.spec().model().arch(),
                    String.format(Locale.ROOT, "%.2f", r.psnrProperty().get())));
            h.setId("compare-header-" + c);
            grid.add(h, c + 1, 0);
        }
        int rows = runs.stream().mapToInt(r -> r.truth() == null ? 0 : r.truth().count()).max().orElse(0);
        for (int i = 0; i < rows; i++) {
            if (first.truth() != null && i < first.truth().count()) {
                grid.add(PairCells.image(first.truth(), i, Messages.get("compare.image", i)), 0, i + 1);
            }
            for (int c = 0; c < runs.size(); c++) {
                RunRecord r = runs.get(c);
                if (i >= r.pairs().size()) {
                    continue;
                }
                GalleryPair p = r.pairs().get(i);
                VBox cell = PairCells.reconstruction(p);
                if (!sameImage(first.truth(), r.truth(), i)) {
                    // Not the image of the first column: show what this run attacked, too.
                    cell.getChildren().add(0, PairCells.image(r.truth(), i, Messages.get("compare.otherImage")));
                }
                cell.setId("compare-" + c + "-" + i);
                grid.add(cell, c + 1, i + 1);
            }
        }

        HBox charts = new HBox(8, overlay(runs, Messages.get("run.psnr"), RunRecord::psnrSeries, "gia-compare-psnr"),
                overlay(runs, Messages.get("run.loss"), RunRecord::lossSeries, "gia-compare-loss"));
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        Label title = new Label(Messages.get("compare.title", runs.size()));
        title.getStyleClass().add("gia-pane-title");
        ScrollPane scroll = new ScrollPane(grid);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox root = new VBox(10, title, scroll, charts);
        root.getStyleClass().add("gia-pane");
        root.setId("compareView");
        Scene scene = new Scene(root, 1100, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.equals("gia-dark")));
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("compare.title", runs.size()));
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("gia-section");
        l.setWrapText(true);
        l.setMaxWidth(220);
        return l;
    }

    static boolean sameImage(ImageBatch a, ImageBatch b, int i) {
        if (a == null || b == null || i >= a.count() || i >= b.count() || a.imageSize() != b.imageSize()) {
            return false;
        }
        int n = a.imageSize();
        return Arrays.equals(a.pixels(), i * n, (i + 1) * n, b.pixels(), i * n, (i + 1) * n);
    }

    /** One chart, one line per run (copies of its points: a chart point belongs to one series). */
    private static LineChart<Number, Number> overlay(List<RunRecord> runs, String title,
                                                     Function<RunRecord, DecimatedSeries> series, String style) {
        NumberAxis x = new NumberAxis();
        x.setLabel(Messages.get("run.iteration"));
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(280);
        chart.setLegendVisible(true);
        chart.setLegendSide(javafx.geometry.Side.RIGHT);
        chart.getStyleClass().add(style);
        chart.setId(style);
        for (RunRecord r : runs) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName("#" + r.storedId());
            for (XYChart.Data<Number, Number> d : series.apply(r).data()) {
                s.getData().add(new XYChart.Data<>(d.getXValue(), d.getYValue()));
            }
            chart.getData().add(s);
        }
        return chart;
    }
}
