package org.giaworkbench.fl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giaworkbench.core.result.CheckReport;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelSurgery;
import org.giaworkbench.model.ModelSurgery.NamedArray;

/**
 * The client's check of a model it receives, against the architecture it expects (the seed's defence
 * stage 3). Four checks, each reporting why it fired:
 * <ul>
 * <li>{@code architecture}: parameters added, removed or reshaped (an inserted imprint module);</li>
 * <li>{@code bias-ladder}: a layer's biases sorted along its units (cut-offs at quantiles);</li>
 * <li>{@code scaled-copies}: most rows of a weight matrix are scaled copies of one vector (bins that all
 * measure the same statistic, or an all-equal back projection);</li>
 * <li>{@code class-weights}: the last layer has all-zero or constant class rows, one class row far
 * larger than the others, or class biases far beyond what training or initialisation gives.</li>
 * </ul>
 * Thresholds are fixed, not fitted to the attacks: a random or trained layer passes them by orders of
 * magnitude (see the constants).
 */
public final class ClientCheck {

    /** Biases must rise (or fall) at this fraction of consecutive units; random order gives about 1/2. */
    static final double LADDER_FRACTION = 0.95;
    /** Layers with fewer units than this are not judged for ladders (10 random biases are sorted 1 in 10! / 2). */
    static final int LADDER_MIN_UNITS = 16;
    /** |cosine| above which two rows count as scaled copies (random rows of 27+ values: about 0.2). */
    static final double COPY_COSINE = 0.999;
    /** Fraction of rows that must be copies of one row. */
    static final double COPY_FRACTION = 0.5;
    /** A class row this many times the median row norm is "abnormally scaled". */
    static final double CLASS_NORM_RATIO = 20;
    /** Class biases beyond this magnitude (logit units; trained and initial ones stay below 2). */
    static final double CLASS_BIAS_LIMIT = 50;

    private ClientCheck() {
    }

    public static CheckReport inspect(GiaModel received, GiaModel expected, String label) {
        Map<String, NamedArray> got = ModelSurgery.snapshot(received);
        Map<String, NamedArray> want = ModelSurgery.snapshot(expected);
        List<CheckReport.Finding> out = new ArrayList<>();
        out.add(architecture(got, want));
        List<String> trainable = received.trainableNames();
        out.add(biasLadder(got, trainable));
        out.add(scaledCopies(got, trainable));
        out.add(classWeights(got, trainable));
        return new CheckReport(label, out);
    }

    static CheckReport.Finding architecture(Map<String, NamedArray> got, Map<String, NamedArray> want) {
        List<String> problems = new ArrayList<>();
        for (NamedArray a : got.values()) {
            NamedArray w = want.get(a.name());
            if (w == null) {
                problems.add("inserted " + a.name() + " " + java.util.Arrays.toString(a.shape()));
            } else if (!java.util.Arrays.equals(w.shape(), a.shape())) {
                problems.add(a.name() + " reshaped " + java.util.Arrays.toString(w.shape()) + " -> "
                        + java.util.Arrays.toString(a.shape()));
            }
        }
        for (String name : want.keySet()) {
            if (!got.containsKey(name)) {
                problems.add("removed " + name);
            }
        }
        if (problems.isEmpty()) {
            return new CheckReport.Finding("architecture", false, want.size() + " parameters, names and shapes as expected");
        }
        return new CheckReport.Finding("architecture", true, problems.size() + " differences: " + shortList(problems));
    }

    static CheckReport.Finding biasLadder(Map<String, NamedArray> got, List<String> trainable) {
        List<String> hits = new ArrayList<>();
        int judged = 0;
        for (String name : trainable) {
            NamedArray b = got.get(name);
            if (!name.endsWith(".bias") || b.values().length < LADDER_MIN_UNITS || !hasMatrixWeight(got, name)) {
                continue;
            }
            judged++;
            float[] v = b.values();
            int up = 0;
            int down = 0;
            for (int i = 1; i < v.length; i++) {
                up += v[i] > v[i - 1] ? 1 : 0;
                down += v[i] < v[i - 1] ? 1 : 0;
            }
            double f = Math.max(up, down) / (double) (v.length - 1);
            if (f >= LADDER_FRACTION) {
                hits.add(String.format("%s: %d units, %.0f %% of consecutive biases %s", name, v.length, 100 * f,
                        up >= down ? "rise" : "fall"));
            }
        }
        return hits.isEmpty()
                ? new CheckReport.Finding("bias-ladder", false, judged + " bias vectors of " + LADDER_MIN_UNITS + "+ units, none ordered")
                : new CheckReport.Finding("bias-ladder", true, shortList(hits));
    }

    static CheckReport.Finding scaledCopies(Map<String, NamedArray> got, List<String> trainable) {
        List<String> hits = new ArrayList<>();
        int judged = 0;
        for (String name : trainable) {
            NamedArray w = got.get(name);
            if (!name.endsWith(".weight") || w.shape().length < 2 || w.shape()[0] < 8) {
                continue;
            }
            judged++;
            int rows = (int) w.shape()[0];
            int cols = w.values().length / rows;
            double[] norms = new double[rows];
            int ref = 0;
            for (int r = 0; r < rows; r++) {
                norms[r] = norm(w.values(), r * cols, cols);
                if (norms[r] > norms[ref]) {
                    ref = r;
                }
            }
            if (norms[ref] == 0) {
                continue;
            }
            int copies = 0;
            for (int r = 0; r < rows; r++) {
                if (norms[r] > 0 && Math.abs(dot(w.values(), r * cols, ref * cols, cols)) / (norms[r] * norms[ref]) > COPY_COSINE) {
                    copies++;
                }
            }
            if (copies >= COPY_FRACTION * rows && copies >= 4) {
                hits.add(String.format("%s: %d of %d rows are scaled copies of row %d (|cos| > %.3f)", name, copies, rows, ref,
                        COPY_COSINE));
            }
        }
        return hits.isEmpty()
                ? new CheckReport.Finding("scaled-copies", false, judged + " weight matrices of 8+ rows, rows independent")
                : new CheckReport.Finding("scaled-copies", true, shortList(hits));
    }

    static CheckReport.Finding classWeights(Map<String, NamedArray> got, List<String> trainable) {
        if (trainable.size() < 2) {
            return new CheckReport.Finding("class-weights", false, "no last layer");
        }
        NamedArray w = got.get(trainable.get(trainable.size() - 2));
        NamedArray b = got.get(trainable.get(trainable.size() - 1));
        List<String> why = new ArrayList<>();
        if (w.shape().length == 2) {
            int rows = (int) w.shape()[0];
            int cols = (int) w.shape()[1];
            double[] norms = new double[rows];
            int zero = 0;
            int constant = 0;
            for (int r = 0; r < rows; r++) {
                norms[r] = norm(w.values(), r * cols, cols);
                zero += norms[r] == 0 ? 1 : 0;
                constant += norms[r] > 0 && cols > 1 && isConstant(w.values(), r * cols, cols) ? 1 : 0;
            }
            double[] sorted = norms.clone();
            java.util.Arrays.sort(sorted);
            double median = sorted[rows / 2];
            double max = sorted[rows - 1];
            if (zero > 0) {
                why.add(zero + " of " + rows + " class rows are all zero");
            }
            if (constant > 0) {
                why.add(constant + " class rows hold one repeated value");
            }
            if (median > 0 && max / median > CLASS_NORM_RATIO) {
                why.add(String.format("largest class row is %.0f x the median row norm", max / median));
            } else if (median == 0 && max > 0) {
                why.add("one class row carries all the weight");
            }
        }
        double maxBias = 0;
        for (float v : b.values()) {
            maxBias = Math.max(maxBias, Math.abs(v));
        }
        if (maxBias > CLASS_BIAS_LIMIT) {
            why.add(String.format("class bias of %.3g (limit %.0f)", maxBias, CLASS_BIAS_LIMIT));
        }
        return why.isEmpty()
                ? new CheckReport.Finding("class-weights", false, String.format("last layer %s: rows and biases ordinary (max |bias| %.3g)",
                        w.name(), maxBias))
                : new CheckReport.Finding("class-weights", true, w.name() + ": " + String.join("; ", why));
    }

    private static boolean hasMatrixWeight(Map<String, NamedArray> got, String biasName) {
        NamedArray w = got.get(biasName.substring(0, biasName.length() - "bias".length()) + "weight");
        return w != null && w.shape().length >= 2;
    }

    private static boolean isConstant(float[] v, int offset, int n) {
        for (int i = 1; i < n; i++) {
            if (v[offset + i] != v[offset]) {
                return false;
            }
        }
        return true;
    }

    private static double norm(float[] v, int offset, int n) {
        return Math.sqrt(dot(v, offset, offset, n));
    }

    private static double dot(float[] v, int a, int b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) v[a + i] * v[b + i];
        }
        return s;
    }

    private static String shortList(List<String> items) {
        StringBuilder sb = new StringBuilder();
        Iterator<String> it = items.iterator();
        for (int i = 0; i < 3 && it.hasNext(); i++) {
            sb.append(i > 0 ? "; " : "").append(it.next());
        }
        if (items.size() > 3) {
            sb.append("; and ").append(items.size() - 3).append(" more");
        }
        return sb.toString();
    }

}
