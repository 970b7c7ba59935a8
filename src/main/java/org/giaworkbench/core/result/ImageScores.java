package org.giaworkbench.core.result;

/**
 * Per-image quality of a reconstruction against the ground truth, after pairing.
 *
 * @param order        reconstruction {@code order[i]} is paired with ground-truth image {@code i}
 * @param psnr         per ground-truth image, in dB
 * @param ssim         per ground-truth image
 * @param psnrMean     mean of {@code psnr}
 * @param ssimMean     mean of {@code ssim}
 * @param psnrVariant  exactly which PSNR this is
 * @param ssimVariant  exactly which SSIM this is
 * @param pairingVariant how reconstructions were paired with ground truth
 */
public record ImageScores(int[] order, double[] psnr, double[] ssim, double psnrMean, double ssimMean,
                          String psnrVariant, String ssimVariant, String pairingVariant) {
}
