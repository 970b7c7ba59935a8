package org.giaworkbench.core.result;

import java.util.List;
import java.util.Optional;

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
 * @param extra        further metrics (LPIPS, Jaccard, RDLV) in the same pairing; empty where not computed
 */
public record ImageScores(int[] order, double[] psnr, double[] ssim, double psnrMean, double ssimMean,
                          String psnrVariant, String ssimVariant, String pairingVariant, List<ExtraScore> extra) {

    public ImageScores {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /** Scores without further metrics. */
    public ImageScores(int[] order, double[] psnr, double[] ssim, double psnrMean, double ssimMean,
                       String psnrVariant, String ssimVariant, String pairingVariant) {
        this(order, psnr, ssim, psnrMean, ssimMean, psnrVariant, ssimVariant, pairingVariant, List.of());
    }

    /** The further metric with {@code key}, if computed. */
    public Optional<ExtraScore> extra(String key) {
        return extra.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
