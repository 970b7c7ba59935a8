package org.giaworkbench.metric;

import org.giaworkbench.core.result.ImageBatch;

/** Computes PSNR and SSIM of a reconstructed batch, optionally pairing images first. */
public final class ImageMetrics {

    private ImageMetrics() {
    }

    /**
     * Compares {@code recon} with {@code truth}. With {@code pairByMse} the recon images are first
     * matched to truth images by {@link BatchPairing#byMse}; otherwise image i is compared with image i.
     *
     * @throws IllegalArgumentException when the two batches differ in shape
     */
    public static ImageComparison compare(ImageBatch truth, ImageBatch recon, boolean pairByMse) {
        Shapes.requireSame(truth, recon);
        int[] order = pairByMse ? BatchPairing.byMse(truth, recon) : BatchPairing.identity(truth.count());
        ImageBatch paired = recon.select(order);
        double[] psnr = Psnr.perImage(truth, paired);
        double[] ssim = Ssim.perImage(truth, paired);
        return new ImageComparison(order, psnr, ssim, Psnr.mean(psnr), Ssim.mean(ssim));
    }
}
