package org.giaworkbench.ui.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;

/**
 * A sweep as the dialog describes it: a base spec, factors (a dotted key and its values) and a number
 * of seeds. Its cells are the cross product of the factors' values times the seeds, the first factor
 * varying slowest. Seed index {@code s} adds {@code s} to both {@code data.seed} (another draw of
 * images) and {@code run.seed} (another random start), so the spread over seeds covers both.
 *
 * <p>The sweep's id is a hash of its definition: the same sweep started again finds its finished
 * cells in the store and skips them (resuming); changing the base, a factor or the seeds makes a new sweep.
 */
public final class SweepPlan {

    /** One factor: a dotted spec key ({@code data.batch}) and the values it takes, in order. */
    public record Vary(String key, List<String> values) {

        public Vary {
            key = key == null ? "" : key.trim();
            values = List.copyOf(values);
        }

        /** Parses a dialog row: the key and a comma-separated list of values. */
        public static Vary parse(String key, String commaValues) {
            String k = key == null ? "" : key.trim();
            if (!k.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+")) {
                throw GiaException.badInput("'" + k + "' is not a dotted spec key", "e.g. data.batch or model.arch");
            }
            List<String> values = Arrays.stream(commaValues == null ? new String[0] : commaValues.split(","))
                    .map(String::trim).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty()) {
                throw GiaException.badInput("no values for " + k, "a comma-separated list, e.g. 1,4,8");
            }
            if (values.stream().distinct().count() != values.size()) {
                throw GiaException.badInput("a value of " + k + " is listed twice", "list each value once");
            }
            return new Vary(k, values);
        }
    }

    /**
     * One run of the sweep.
     *
     * @param factors   the factors' values in this cell, in factor order
     * @param seedIndex 0 .. seeds - 1
     * @param key       what the store records as the cell ({@code data.batch=4|seed=1})
     */
    public record Cell(int index, Map<String, String> factors, int seedIndex, String key, ExperimentSpec spec) {

        /** The factor values without the seed: the group a cell's result is averaged in. */
        public String group() {
            return factors.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    private final ExperimentSpec base;
    private final List<Vary> vary;
    private final int seeds;

    public SweepPlan(ExperimentSpec base, List<Vary> vary, int seeds) {
        if (seeds < 1) {
            throw GiaException.badInput("seeds must be at least 1, got " + seeds, "");
        }
        if (vary.stream().map(Vary::key).distinct().count() != vary.size()) {
            throw GiaException.badInput("a key is varied twice", "put all its values in one row");
        }
        if (vary.stream().anyMatch(v -> v.key().equals("data.seed") || v.key().equals("run.seed")) && seeds > 1) {
            throw GiaException.badInput("data.seed and run.seed are set by the seeds count", "vary them with seeds = 1");
        }
        this.base = base;
        this.vary = List.copyOf(vary);
        this.seeds = seeds;
    }

    public ExperimentSpec base() {
        return base;
    }

    public List<Vary> vary() {
        return vary;
    }

    public int seeds() {
        return seeds;
    }

    /** How many runs the sweep makes. */
    public int size() {
        int n = seeds;
        for (Vary v : vary) {
            n *= v.values().size();
        }
        return n;
    }

    /** Every cell, first factor slowest, seeds fastest; each cell's spec is checked (a bad value fails here). */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>(size());
        int[] at = new int[vary.size()];
        for (int n = 0; n < size() / seeds; n++) {
            Map<String, String> factors = new LinkedHashMap<>();
            for (int f = 0; f < vary.size(); f++) {
                factors.put(vary.get(f).key(), vary.get(f).values().get(at[f]));
            }
            for (int s = 0; s < seeds; s++) {
                out.add(new Cell(out.size(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors)), s,
                        key(factors, s), spec(factors, s)));
            }
            for (int f = vary.size() - 1; f >= 0; f--) {
                if (++at[f] < vary.get(f).values().size()) {
                    break;
                }
                at[f] = 0;
            }
        }
        return out;
    }

    private static String key(Map<String, String> factors, int seed) {
        StringBuilder b = new StringBuilder();
        factors.forEach((k, v) -> b.append(k).append('=').append(v).append('|'));
        return b.append("seed=").append(seed).toString();
    }

    private ExperimentSpec spec(Map<String, String> factors, int seed) {
        ObjectNode tree = SpecJson.toTree(base);
        factors.forEach((k, v) -> SpecJson.applyOverride(tree, k + "=" + v));
        if (seed > 0) {
            SpecJson.applyOverride(tree, "data.seed=" + (base.data().seed() + seed));
            SpecJson.applyOverride(tree, "run.seed=" + (base.run().seed() + seed));
        }
        try {
            return SpecJson.bind(tree);
        } catch (GiaException e) {
            throw GiaException.badInput("cell " + key(factors, seed) + ": " + e.getMessage(), e.hint());
        }
    }

    /** The definition as JSON (what the store records for the sweep). */
    public String definitionJson() {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.set("base", SpecJson.toTree(base));
        ArrayNode rows = root.putArray("vary");
        for (Vary v : vary) {
            ObjectNode row = rows.addObject();
            row.put("key", v.key());
            ArrayNode values = row.putArray("values");
            v.values().forEach(values::add);
        }
        root.put("seeds", seeds);
        return root.toString();
    }

    /** {@code sweep-} and 12 hex digits of the definition's SHA-256: equal definitions, equal ids. */
    public String sweepId() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definitionJson().getBytes(StandardCharsets.UTF_8));
            return "sweep-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
