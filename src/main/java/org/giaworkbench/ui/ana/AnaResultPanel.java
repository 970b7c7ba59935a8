package org.giaworkbench.ui.ana;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.giaworkbench.core.result.RunExtras;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.ui.fx.Images;

/**
 * A finished run's malicious-server view. Robbing the Fed: every occupied bin with the client's images
 * that fell in it, green when recovered exactly, red when they share the bin and come back mixed.
 * Fishing: the batch with the fished target framed, and its PSNR. Hidden for other runs.
 */
final class AnaResultPanel extends VBox {

    AnaResultPanel() {
        setSpacing(6);
        getStyleClass().add("gia-ana");
        show(null);
    }

    void show(RunResult r) {
        getChildren().clear();
        RunExtras x = r == null ? null : r.extras();
        boolean bins = x != null && x.bins() > 0 && x.truthBins().length == r.truth().count();
        boolean target = x != null && x.targetIndex() >= 0;
        setVisible(bins || target);
        setManaged(bins || target);
        if (bins) {
            showBins(r, x);
        } else if (target) {
            showTarget(r, x);
        }
    }

    private void showBins(RunResult r, RunExtras x) {
        int[] bins = x.truthBins();
        boolean[] exact = x.exact();
        Map<Integer, List<Integer>> byBin = new TreeMap<>();
        for (int i = 0; i < bins.length; i++) {
            byBin.computeIfAbsent(bins[i], b -> new ArrayList<>()).add(i);
        }
        long shared = byBin.values().stream().filter(l -> l.size() > 1).count();
        Label title = new Label(String.format(Locale.ROOT,
                "Imprint bins: %d of %d images recovered exactly (%s); %d of %d bins occupied, %d shared",
                x.exactRecovered(), bins.length, RunExtras.EXACT_VARIANT, byBin.size(), x.bins(), shared));
        title.getStyleClass().add("gia-section");
        title.setWrapText(true);
        FlowPane pane = new FlowPane();
        pane.getStyleClass().add("gia-gallery");
        for (Map.Entry<Integer, List<Integer>> e : byBin.entrySet()) {
            HBox images = new HBox(2);
            for (int i : e.getValue()) {
                ImageView v = new ImageView(Images.of(r.truth(), i, 1));
                HBox frame = new HBox(v);
                frame.getStyleClass().add(exact[i] ? "gia-ana-exact" : "gia-ana-mixed");
                images.getChildren().add(frame);
            }
            VBox cell = new VBox(1, images, new Label("bin " + e.getKey()));
            cell.getStyleClass().add("gia-ana-bin");
            pane.getChildren().add(cell);
        }
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(150);
        scroll.setMinViewportHeight(64);
        getChildren().addAll(title, scroll);
    }

    private void showTarget(RunResult r, RunExtras x) {
        Double cls = x.attackMetrics().get("target_class");
        Label title = new Label(String.format(Locale.ROOT, "Fished target: batch image %d%s, PSNR %.2f dB "
                + "(the batch image closest to the reconstruction)", x.targetIndex(),
                cls == null ? "" : " (class " + cls.intValue() + ")", x.targetPsnr()));
        title.getStyleClass().add("gia-section");
        title.setWrapText(true);
        FlowPane pane = new FlowPane();
        pane.getStyleClass().add("gia-gallery");
        for (int i = 0; i < r.truth().count(); i++) {
            HBox frame = new HBox(new ImageView(Images.of(r.truth(), i, 1)));
            frame.getStyleClass().add(i == x.targetIndex() ? "gia-ana-target" : "gia-ana-other");
            pane.getChildren().add(frame);
        }
        getChildren().addAll(title, pane);
    }
}
