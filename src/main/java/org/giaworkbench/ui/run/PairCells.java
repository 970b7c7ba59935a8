package org.giaworkbench.ui.run;

import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.ui.fx.Images;
import org.giaworkbench.ui.fx.Messages;

/**
 * The gallery's cells: a ground truth | reconstruction pair (the run pane), or one image with its
 * metric (the comparison of stored runs), both coloured by the reconstruction's quality.
 */
public final class PairCells {

    /** Images are drawn about this tall, whatever their resolution (pixel repetition). */
    public static final int CELL_PIXELS = 96;

    private PairCells() {
    }

    public static int scale(ImageBatch batch) {
        return Math.max(1, CELL_PIXELS / batch.height());
    }

    /** Ground truth and reconstruction side by side, PSNR and SSIM, index and label; clicking calls {@code open}. */
    public static VBox pair(GalleryPair p, Consumer<GalleryPair> open) {
        int scale = scale(p.truth());
        ImageView truth = new ImageView(Images.of(p.truth(), p.position(), scale));
        ImageView recon = new ImageView(Images.of(p.reconstruction(), p.position(), scale));
        Label label = new Label(Messages.get("run.pair.label", p.position(), p.label()));
        label.getStyleClass().add("gia-muted");
        VBox cell = new VBox(new HBox(4, truth, recon), metrics(p), extraMetrics(p), label);
        cell.getStyleClass().addAll("gia-pair", quality(p));
        cell.setId("pair-" + p.position());
        Tooltip.install(cell, new Tooltip(Messages.get("run.pair.tooltip")));
        cell.setOnMouseClicked(e -> open.accept(p));
        return cell;
    }

    /** The pair's reconstruction alone with its PSNR and SSIM. */
    public static VBox reconstruction(GalleryPair p) {
        VBox cell = new VBox(new ImageView(Images.of(p.reconstruction(), p.position(), scale(p.truth()))), metrics(p));
        cell.getStyleClass().addAll("gia-pair", quality(p));
        return cell;
    }

    /** One image with a caption, in a neutral frame (a ground truth). */
    public static VBox image(ImageBatch batch, int index, String caption) {
        Label label = new Label(caption);
        label.getStyleClass().add("gia-muted");
        VBox cell = new VBox(new ImageView(Images.of(batch, index, scale(batch))), label);
        cell.getStyleClass().add("gia-pair");
        return cell;
    }

    private static Label metrics(GalleryPair p) {
        Label metrics = new Label(Messages.get("run.pair.metrics", String.format(Locale.ROOT, "%.2f", p.psnr()),
                String.format(Locale.ROOT, "%.3f", p.ssim())));
        metrics.getStyleClass().add("gia-metric");
        return metrics;
    }

    /** LPIPS, Jaccard and RDLV when the run computed them (their variants in the tooltip); hidden otherwise. */
    private static Label extraMetrics(GalleryPair p) {
        Label extra = new Label(ExtraText.pair(p.extra(), p.position()));
        extra.getStyleClass().addAll("gia-metric", "gia-extra-metric");
        extra.setVisible(!p.extra().isEmpty());
        extra.setManaged(!p.extra().isEmpty());
        if (!p.extra().isEmpty()) {
            extra.setTooltip(new Tooltip(ExtraText.variants(p.extra())));
        }
        return extra;
    }

    private static String quality(GalleryPair p) {
        return "gia-quality-" + p.quality().name().toLowerCase(Locale.ROOT);
    }
}
