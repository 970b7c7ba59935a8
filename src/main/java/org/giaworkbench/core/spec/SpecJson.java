package org.giaworkbench.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.giaworkbench.core.GiaException;

/**
 * Reads and writes specs as JSON, the one format shared by the GUI, the CLI, presets and the store.
 * A file names only what differs from the defaults; {@code key=value} overrides address dotted keys.
 */
public final class SpecJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private SpecJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(ExperimentSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise spec", e);
        }
    }

    public static ExperimentSpec read(String json) {
        return bind(parse(json, "spec"));
    }

    /**
     * A spec stored with a run. Runs stored before {@code model.init} existed drew untrained weights with
     * the workbench's own scheme: they keep it, so that re-running one gives the same model.
     */
    public static ExperimentSpec readStored(String json) {
        ObjectNode tree = parse(json, "stored spec");
        JsonNode model = tree.get("model");
        if (model instanceof ObjectNode m && !m.has("init")) {
            m.put("init", ModelSpec.INIT_WORKBENCH);
        }
        return bind(tree);
    }

    public static ExperimentSpec read(Path file) {
        try {
            return bind(parse(Files.readString(file), file.toString()));
        } catch (NoSuchFileException e) {
            throw GiaException.badInput("spec file " + file + " does not exist", "check the path given to --spec");
        } catch (IOException e) {
            throw GiaException.badInput("cannot read spec file " + file + ": " + e.getMessage(), "");
        }
    }

    /** A bundled preset, or a clear error listing the presets that exist. */
    public static ObjectNode presetTree(String name) {
        try (InputStream in = SpecJson.class.getResourceAsStream("/org/giaworkbench/presets/" + name + ".json")) {
            if (in == null) {
                throw GiaException.badInput("unknown preset '" + name + "'", "known presets: " + String.join(", ", Presets.names()));
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "preset " + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled preset " + name, e);
        }
    }

    public static ObjectNode parse(String json, String origin) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw GiaException.badInput(origin + " is not a JSON object", "a spec looks like {\"attack\": {\"id\": \"dlg\"}}");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw GiaException.badInput(origin + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", "fix the JSON syntax");
        }
    }

    /** The defaults with {@code tree} merged over them, bound to a spec. */
    public static ExperimentSpec bind(ObjectNode tree) {
        ObjectNode merged = defaultsTree();
        merge(merged, tree);
        try {
            return MAPPER.treeToValue(merged, ExperimentSpec.class);
        } catch (JsonProcessingException e) {
            throw GiaException.badInput("invalid spec: " + e.getOriginalMessage(), "see `./gia list` for the keys a spec takes");
        }
    }

    public static ObjectNode toTree(ExperimentSpec spec) {
        return MAPPER.valueToTree(spec);
    }

    /**
     * Applies {@code key=value} to the tree. {@code attack.K} (other than {@code attack.id}) is a
     * parameter of the attack. Values are parsed as JSON when they can be (numbers, booleans), else
     * taken as strings; {@code null} clears a key.
     */
    public static void applyOverride(ObjectNode tree, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw GiaException.badInput("override '" + assignment + "' is not of the form key=value", "e.g. --set data.batch=4");
        }
        String key = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1).trim();
        String[] parts = key.split("\\.");
        if (parts.length == 2 && parts[0].equals("attack") && !parts[1].equals("id") && !parts[1].equals("params")) {
            parts = new String[] {"attack", "params", parts[1]};
        }
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw GiaException.badInput("override key '" + key + "': '" + parts[i] + "' is not a section", "");
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], parseValue(raw));
    }

    private static JsonNode parseValue(String raw) {
        if (raw.equals("null")) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            JsonNode parsed = MAPPER.readTree(raw);
            if (parsed != null && (parsed.isNumber() || parsed.isBoolean() || parsed.isTextual())) {
                return parsed;
            }
        } catch (JsonProcessingException ignored) {
            // not JSON: a bare string such as a path or an id
        }
        return JsonNodeFactory.instance.textNode(raw);
    }

    private static ObjectNode defaultsTree() {
        ObjectNode tree = MAPPER.valueToTree(new ExperimentSpec(null, null, null, null, new AttackSpec("dlg", Map.of()), null));
        return tree;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode existing = into.get(e.getKey());
            boolean replaceParams = e.getKey().equals("attack") && e.getValue().has("id")
                    && existing != null && !e.getValue().get("id").equals(existing.get("id"));
            if (existing != null && existing.isObject() && e.getValue().isObject() && !replaceParams) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
