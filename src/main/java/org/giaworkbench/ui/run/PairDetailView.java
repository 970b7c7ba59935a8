package org.giaworkbench.ui.run;

import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.ui.fx.Images;
import org.giaworkbench.ui.fx.Messages;

/**
 * One pair up close: ground truth, reconstruction and their difference as a heat map, zoomed by pixel
 * repetition (nearest neighbour, so that no smoothing hides the attack's artefacts), and the image's
 * PSNR over the run's snapshots.
 */
final class PairDetailView {

    private PairDetailView() {
    }

    static Stage show(Window owner, RunRecord run, GalleryPair pair) {
        Slider zoom = new Slider(1, 16, Math.max(1, 256 / pair.truth().height()));
        zoom.setMajorTickUnit(1);
        zoom.setSnapToTicks(true);
        zoom.setPrefWidth(240);
        ImageView truth = new ImageView();
        ImageView recon = new ImageView();
        ImageView diff = new ImageView();
        Runnable draw = () -> {
            int s = (int) Math.round(zoom.getValue());
            truth.setImage(Images.of(pair.truth(), pair.position(), s));
            recon.setImage(Images.of(pair.reconstruction(), pair.position(), s));
            diff.setImage(Images.difference(pair.truth(), pair.position(), pair.reconstruction(), pair.position(), s));
        };
        zoom.valueProperty().addListener((obs, was, now) -> draw.run());
        draw.run();

        HBox images = new HBox(12, captioned(truth, Messages.get("detail.truth")),
                captioned(recon, Messages.get("detail.reconstruction")), captioned(diff, Messages.get("detail.difference")));
        Label metrics = new Label(Messages.get("detail.metrics", String.format(Locale.ROOT, "%.2f", pair.psnr()),
                String.format(Locale.ROOT, "%.3f", pair.ssim())));
        metrics.getStyleClass().add("gia-section");
        Label extra = new Label(ExtraText.pair(pair.extra(), pair.position()));
        extra.getStyleClass().add("gia-metric");
        extra.setManaged(!pair.extra().isEmpty());
        if (!pair.extra().isEmpty()) {
            extra.setTooltip(new javafx.scene.control.Tooltip(ExtraText.variants(pair.extra())));
        }

        NumberAxis x = new NumberAxis();
        x.setLabel(Messages.get("run.iteration"));
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> history = new LineChart<>(x, y);
        history.setTitle(Messages.get("detail.history"));
        history.setAnimated(false);
        history.setLegendVisible(false);
        history.setCreateSymbols(false);
        history.setPrefHeight(200);
        history.getStyleClass().add("gia-psnr-chart");
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        for (RunRecord.ImageHistoryPoint p : run.imageHistory()) {
            double v = p.psnr()[pair.position()];
            if (Double.isFinite(v)) {
                series.getData().add(new XYChart.Data<>(p.iteration(), v));
            }
        }
        history.getData().add(series);

        VBox root = new VBox(12, new HBox(8, new Label(Messages.get("detail.zoom")), zoom), metrics, extra,
                new ScrollPane(images), history);
        root.getStyleClass().add("gia-pane");
        Scene scene = new Scene(root, 900, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.equals("gia-dark")));
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("detail.title", pair.position()));
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static VBox captioned(ImageView view, String caption) {
        Label label = new Label(caption);
        label.getStyleClass().add("gia-muted");
        return new VBox(4, view, label);
    }
}
