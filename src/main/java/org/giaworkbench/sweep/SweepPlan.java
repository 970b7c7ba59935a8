package org.giaworkbench.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;

/**
 * A sweep's cells: the cartesian product of the factors' values, times the seeds (seed fastest).
 * Its id hashes the bound base spec and the factor names (not their values nor the seed count), so
 * re-running the same command, or one with more values or seeds, finds the cells already done.
 */
public record SweepPlan(SweepDefinition definition, String sweepId, List<SweepCell> cells) {

    public static SweepPlan of(SweepDefinition def) {
        ExperimentSpec base = SpecJson.bind(def.base());
        String id = (def.name().isBlank() ? "sweep" : def.name()) + "-"
                + hash(SpecJson.write(base) + "\nvary:" + String.join(",", def.vary().keySet())).substring(0, 10);
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> f : def.vary().entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : f.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(f.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<SweepCell> cells = new ArrayList<>();
        for (Map<String, String> combo : combos) {
            StringBuilder group = new StringBuilder();
            combo.forEach((k, v) -> group.append(group.length() == 0 ? "" : "|").append(k).append('=').append(v));
            for (int s = 0; s < def.seeds(); s++) {
                String key = (group.length() == 0 ? "" : group + "|") + "seed=" + s;
                cells.add(new SweepCell(key, Map.copyOf(combo), s, group.toString(), spec(def, base, combo, s, key)));
            }
        }
        return new SweepPlan(def, id, List.copyOf(cells));
    }

    private static ExperimentSpec spec(SweepDefinition def, ExperimentSpec base, Map<String, String> combo, int seed,
                                       String key) {
        ObjectNode tree = def.base().deepCopy();
        combo.forEach((k, v) -> SpecJson.applyOverride(tree, k + "=" + v));
        if (!combo.containsKey("run.seed")) {
            SpecJson.applyOverride(tree, "run.seed=" + (base.run().seed() + seed));
        }
        if (!combo.containsKey("data.seed")) {
            SpecJson.applyOverride(tree, "data.seed=" + (base.data().seed() + seed));
        }
        String name = base.name().isBlank() ? def.name() : base.name();
        tree.put("name", (name.isBlank() ? "sweep" : name) + " [" + key + "]");
        return SpecJson.bind(tree);
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first factor: the x axis of the trend chart. */
    public String primaryFactor() {
        return definition.vary().isEmpty() ? null : definition.vary().keySet().iterator().next();
    }
}
