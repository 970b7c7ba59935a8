package org.giaworkbench.core.result;

import java.util.Map;

/**
 * What a run adds beyond images and scores: exact recovery for every attack, and for malicious-server
 * attacks what the server changed, how images fell into an imprint module's bins, and the fished target.
 *
 * @param exact           per ground-truth image: recovered exactly, see {@link #EXACT_VARIANT}
 * @param attackMetrics   numbers the attack reported about itself (e.g. occupied bins)
 * @param modification    what the server changed in the shipped model ("none" if honest)
 * @param addedParameters parameters the server added to the model
 * @param truthBins       per ground-truth image, its imprint bin (-1: none); empty without bins
 * @param bins            number of imprint bins, 0 without
 * @param targetIndex     ground-truth index of a single-target attack's target (best PSNR), -1 without
 * @param targetPsnr      PSNR of the target's reconstruction, NaN without
 */
public record RunExtras(boolean[] exact, Map<String, Double> attackMetrics, String modification, long addedParameters,
                        int[] truthBins, int bins, int targetIndex, double targetPsnr) {

    /** The definition of "exact" next to every count of it. */
    public static final String EXACT_VARIANT = "max |pixel error| < 1/255 in [0,1] space, after pairing";

    public static final RunExtras NONE = new RunExtras(new boolean[0], Map.of(), "none", 0, new int[0], 0, -1, Double.NaN);

    public RunExtras {
        exact = exact.clone();
        attackMetrics = Map.copyOf(attackMetrics);
        truthBins = truthBins.clone();
    }

    public int exactRecovered() {
        int n = 0;
        for (boolean e : exact) {
            n += e ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean[] exact() {
        return exact.clone();
    }

    @Override
    public int[] truthBins() {
        return truthBins.clone();
    }
}
