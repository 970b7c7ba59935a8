package org.giaworkbench.ui.run;

import org.giaworkbench.core.result.ImageBatch;

/**
 * One ground-truth image and its paired reconstruction, with their metrics.
 *
 * @param position image index within both batches
 */
public record GalleryPair(int position, ImageBatch truth, ImageBatch reconstruction, int label, double psnr, double ssim) {

    /** How good the reconstruction is, for colouring: PSNR of 30 dB and more is near-perfect, under 18 poor. */
    public enum Quality { GOOD, FAIR, POOR }

    public Quality quality() {
        if (!Double.isFinite(psnr) || psnr < 18) {
            return psnr == Double.POSITIVE_INFINITY ? Quality.GOOD : Quality.POOR;
        }
        return psnr >= 30 ? Quality.GOOD : Quality.FAIR;
    }
}
