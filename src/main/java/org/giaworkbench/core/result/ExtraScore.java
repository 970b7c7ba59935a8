package org.giaworkbench.core.result;

/**
 * A further image metric of a reconstruction (beyond PSNR and SSIM), per ground-truth image after pairing.
 *
 * @param key           stable key in result files: {@code lpips}, {@code jaccard}, {@code rdlv}
 * @param label         shown name, e.g. "LPIPS-squeeze (approximate)"
 * @param variant       exactly what was computed (definition, network, prior), for result files and tooltips
 * @param perImage      per ground-truth image; NaN where undefined
 * @param mean          mean of the finite per-image values; NaN when none
 * @param lowerIsBetter true for distances such as LPIPS
 */
public record ExtraScore(String key, String label, String variant, double[] perImage, double mean, boolean lowerIsBetter) {

    public ExtraScore {
        perImage = perImage.clone();
    }

    @Override
    public double[] perImage() {
        return perImage.clone();
    }

    /** Value for image {@code i}, NaN when out of range. */
    public double at(int i) {
        return i >= 0 && i < perImage.length ? perImage[i] : Double.NaN;
    }
}
