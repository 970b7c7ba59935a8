package org.giaworkbench.metric;

/**
 * Image metrics of a reconstruction against the truth, per truth image after pairing.
 *
 * @param order    recon image {@code order[i]} was compared with truth image {@code i}
 * @param psnr     per-image PSNR in dB ({@code +Infinity} for an exact match), see {@link Psnr}
 * @param ssim     per-image SSIM, see {@link Ssim}
 * @param psnrMean mean PSNR with values capped at {@link Psnr#CAP_DB}
 * @param ssimMean mean SSIM
 */
public record ImageComparison(int[] order, double[] psnr, double[] ssim, double psnrMean, double ssimMean) {

    public static final String PSNR_VARIANT = Psnr.VARIANT;
    public static final String SSIM_VARIANT = Ssim.VARIANT;
    public static final String PAIRING_VARIANT = BatchPairing.VARIANT;

    public ImageComparison {
        order = order.clone();
        psnr = psnr.clone();
        ssim = ssim.clone();
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    @Override
    public double[] psnr() {
        return psnr.clone();
    }

    @Override
    public double[] ssim() {
        return ssim.clone();
    }
}
