package org.giaworkbench.ui.gradsim;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimReport;
import org.giaworkbench.core.gradsim.GradSimRequest;
import org.giaworkbench.ui.fx.Messages;

/**
 * A window for the gradient similarity study: the settings, a line chart of cos(g(x1), g(B_k)) against k
 * (one line per model state, Table II's first row) and bars of the mean pairwise similarity of
 * single-image gradients (Fig. 4). The study runs on the compute thread; only the result comes back here.
 */
public final class GradSimView {

    private GradSimView() {
    }

    public static Stage show(Window owner, List<String> architectures,
                             Function<GradSimRequest, CompletableFuture<GradSimReport>> study) {
        ChoiceBox<String> arch = new ChoiceBox<>(FXCollections.observableArrayList(architectures));
        arch.setValue(architectures.contains("resnet20") ? "resnet20" : architectures.get(0));
        TextField weights = new TextField("untrained,bundled");
        TextField ks = new TextField("1,2,4,8");
        Spinner<Integer> label = new Spinner<>(0, 9, 3);
        ChoiceBox<String> norm = new ChoiceBox<>(FXCollections.observableArrayList("imagenet", "cifar10", "none"));
        norm.setValue("imagenet");
        Button run = new Button(Messages.get("gradsim.run"));
        run.getStyleClass().add("gia-primary");
        run.setId("gradsim-run");
        Label status = new Label(Messages.get("gradsim.hint"));
        status.setWrapText(true);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label(Messages.get("gradsim.model")), arch, new Label(Messages.get("gradsim.weights")), weights);
        form.addRow(1, new Label(Messages.get("gradsim.k")), ks, new Label(Messages.get("gradsim.label")), label);
        form.addRow(2, new Label(Messages.get("gradsim.normalization")), norm, run);

        NumberAxis kAxis = new NumberAxis();
        kAxis.setLabel(Messages.get("gradsim.kAxis"));
        NumberAxis cosAxis = new NumberAxis();
        cosAxis.setLabel(Messages.get("gradsim.cosAxis"));
        LineChart<Number, Number> trend = new LineChart<>(kAxis, cosAxis);
        trend.setTitle(Messages.get("gradsim.trendTitle"));
        trend.setAnimated(false);
        trend.setId("gradsim-trend");
        BarChart<String, Number> pairs = new BarChart<>(new CategoryAxis(), new NumberAxis());
        pairs.setTitle(Messages.get("gradsim.pairsTitle"));
        pairs.setAnimated(false);
        pairs.setId("gradsim-pairs");

        run.setOnAction(e -> {
            GradSimRequest request;
            try {
                request = GradSimForm.request(arch.getValue(), weights.getText(), ks.getText(), label.getValue(), norm.getValue());
            } catch (GiaException g) {
                status.setText(Messages.get("error.withHint", g.getMessage(), g.hint()));
                return;
            }
            run.setDisable(true);
            status.setText(Messages.get("gradsim.running"));
            study.apply(request).whenComplete((report, error) -> Platform.runLater(() -> {
                run.setDisable(false);
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    String hint = cause instanceof GiaException g ? g.hint() : "";
                    status.setText(Messages.get("error.withHint", cause.getMessage(), hint));
                    return;
                }
                draw(report, trend, pairs);
                status.setText(Messages.get("gradsim.done", report.request().batch(), report.request().label()));
            }));
        });

        VBox root = new VBox(10, form, status, new HBox(10, trend, pairs));
        HBox.setHgrow(trend, javafx.scene.layout.Priority.ALWAYS);
        root.setPadding(new Insets(12));
        root.getStyleClass().add("gia-pane");
        Scene scene = new Scene(root, 1000, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            root.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.equals("gia-dark")));
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(Messages.get("gradsim.title"));
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    static void draw(GradSimReport report, LineChart<Number, Number> trend, BarChart<String, Number> pairs) {
        trend.getData().clear();
        pairs.getData().clear();
        XYChart.Series<String, Number> same = new XYChart.Series<>();
        same.setName(Messages.get("gradsim.sameClass"));
        XYChart.Series<String, Number> other = new XYChart.Series<>();
        other.setName(Messages.get("gradsim.otherClasses"));
        for (GradSimReport.ModelRow row : report.rows()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(row.weights());
            for (int t = 0; t < row.ks().length; t++) {
                s.getData().add(new XYChart.Data<>(row.ks()[t], row.anchorVsBatch()[t]));
            }
            trend.getData().add(s);
            same.getData().add(new XYChart.Data<>(row.weights(), finite(row.sameLabelPairs())));
            other.getData().add(new XYChart.Data<>(row.weights(), finite(row.otherLabelPairs())));
        }
        pairs.getData().setAll(List.of(same, other));
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
