package org.giaworkbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.SpecJson;

/**
 * What a sweep is: a base spec (a tree, defaults merged when bound), factors with their values
 * (dotted spec keys as for {@code --set}), the number of seeds per cell and extra metrics.
 *
 * <p>As JSON (a sweep preset or a file for {@code --sweep-file}):
 * <pre>{"name": "batch-size-quick", "description": "...", "base": {spec} or "basePreset": "quickstart-ig",
 *  "vary": {"data.batch": [1, 2, 4, 8]}, "seeds": 2, "metrics": ["gradient_cosine"]}</pre>
 *
 * @param vary    factor key -> values (as {@code --set} text), in the order given
 * @param metrics extra per-run metrics to compute (only {@code gradient_cosine} exists)
 */
public record SweepDefinition(String name, String description, ObjectNode base, Map<String, List<String>> vary, int seeds,
                              List<String> metrics) {

    public static final String GRADIENT_COSINE = "gradient_cosine";

    public SweepDefinition {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        vary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vary));
        metrics = List.copyOf(metrics);
        if (seeds < 1) {
            throw GiaException.badInput("a sweep needs at least one seed, got " + seeds, "use --seeds 1 or more");
        }
        for (String m : metrics) {
            if (!GRADIENT_COSINE.equals(m)) {
                throw GiaException.badInput("unknown sweep metric '" + m + "'", "the extra metric is " + GRADIENT_COSINE);
            }
        }
        for (Map.Entry<String, List<String>> e : vary.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw GiaException.badInput("factor " + e.getKey() + " has no values", "e.g. --vary data.batch=1,4,8");
            }
        }
    }

    /** Parses {@code key=v1,v2,...} (a {@code --vary} argument). */
    public static Map.Entry<String, List<String>> parseVary(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw GiaException.badInput("--vary '" + arg + "' is not of the form key=v1,v2,...", "e.g. --vary data.batch=1,4,8,16");
        }
        List<String> values = new ArrayList<>();
        for (String v : arg.substring(eq + 1).split(",")) {
            if (!v.isBlank()) {
                values.add(v.trim());
            }
        }
        return Map.entry(arg.substring(0, eq).trim(), values);
    }

    /** A copy with more (or replaced) factors, another seed count, or extra metrics. */
    public SweepDefinition with(Map<String, List<String>> moreVary, Integer newSeeds, List<String> moreMetrics) {
        Map<String, List<String>> v = new LinkedHashMap<>(vary);
        v.putAll(moreVary);
        List<String> m = new ArrayList<>(metrics);
        moreMetrics.stream().filter(x -> !m.contains(x)).forEach(m::add);
        return new SweepDefinition(name, description, base, v, newSeeds == null ? seeds : newSeeds, m);
    }

    public static SweepDefinition fromJson(String json, String origin) {
        ObjectNode root = SpecJson.parse(json, origin);
        ObjectNode base;
        if (root.has("basePreset")) {
            base = SpecJson.presetTree(root.get("basePreset").asText());
            if (root.has("base")) {
                merge(base, (ObjectNode) root.get("base"));
            }
        } else if (root.has("base") && root.get("base").isObject()) {
            base = (ObjectNode) root.get("base");
        } else {
            throw GiaException.badInput(origin + " has no \"base\" spec or \"basePreset\"", "see the sweep presets in `gia list`");
        }
        Map<String, List<String>> vary = new LinkedHashMap<>();
        JsonNode v = root.get("vary");
        if (v != null && v.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(x -> values.add(x.isTextual() ? x.asText() : x.toString()));
                } else {
                    values.add(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
                vary.put(e.getKey(), values);
            }
        }
        List<String> metrics = new ArrayList<>();
        if (root.has("metrics")) {
            root.get("metrics").forEach(m -> metrics.add(m.asText()));
        }
        return new SweepDefinition(root.path("name").asText(""), root.path("description").asText(""), base, vary,
                root.path("seeds").asInt(1), metrics);
    }

    public static SweepDefinition read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw GiaException.badInput("sweep file " + file + " does not exist", "check the path");
        } catch (IOException e) {
            throw GiaException.badInput("cannot read sweep file " + file + ": " + e.getMessage(), "");
        }
    }

    public ObjectNode toJson() {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.put("name", name);
        root.put("description", description);
        root.set("base", base.deepCopy());
        ObjectNode v = root.putObject("vary");
        vary.forEach((k, values) -> {
            ArrayNode a = v.putArray(k);
            values.forEach(a::add);
        });
        root.put("seeds", seeds);
        ArrayNode m = root.putArray("metrics");
        metrics.forEach(m::add);
        return root;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
