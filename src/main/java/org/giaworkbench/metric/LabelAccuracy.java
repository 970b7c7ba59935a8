package org.giaworkbench.metric;

import java.util.HashMap;
import java.util.Map;

/**
 * Label-recovery accuracy, order-free: the size of the multiset intersection of recovered and true
 * labels divided by the batch size. Label attacks (iDLG, LLG and the like) recover which labels the
 * batch holds, not which image holds which, so position is ignored: truth {1,1,2} and recovered
 * {2,1,3} score 2/3.
 */
public final class LabelAccuracy {

    /** Stable name of this variant, for result files. */
    public static final String VARIANT = "label-acc (multiset intersection / batch size)";

    private LabelAccuracy() {
    }

    /** Fraction in [0, 1]; the arrays must have the same length. NaN for an empty batch. */
    public static double of(int[] truth, int[] recovered) {
        if (truth.length != recovered.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " labels, recovered has " + recovered.length);
        }
        if (truth.length == 0) {
            return Double.NaN;
        }
        Map<Integer, Integer> left = new HashMap<>();
        for (int l : truth) {
            left.merge(l, 1, Integer::sum);
        }
        int hits = 0;
        for (int l : recovered) {
            Integer c = left.get(l);
            if (c != null && c > 0) {
                left.put(l, c - 1);
                hits++;
            }
        }
        return (double) hits / truth.length;
    }
}
