package org.giaworkbench.ui.run;

import java.util.List;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.core.result.ImageBatch;

/**
 * One ground-truth image and its paired reconstruction, with their metrics.
 *
 * @param position image index within both batches
 * @param extra    LPIPS, Jaccard, RDLV where computed (values for this pair via {@link ExtraScore#at})
 */
public record GalleryPair(int position, ImageBatch truth, ImageBatch reconstruction, int label, double psnr, double ssim,
                          List<ExtraScore> extra) {

    public GalleryPair {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    public GalleryPair(int position, ImageBatch truth, ImageBatch reconstruction, int label, double psnr, double ssim) {
        this(position, truth, reconstruction, label, psnr, ssim, List.of());
    }

    /** How good the reconstruction is, for colouring: PSNR of 30 dB and more is near-perfect, under 18 poor. */
    public enum Quality { GOOD, FAIR, POOR }

    public Quality quality() {
        if (!Double.isFinite(psnr) || psnr < 18) {
            return psnr == Double.POSITIVE_INFINITY ? Quality.GOOD : Quality.POOR;
        }
        return psnr >= 30 ? Quality.GOOD : Quality.FAIR;
    }
}
