package org.giaworkbench.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code ./gia run} line that reproduces a spec: a preset plus one {@code --set} for every key
 * whose value differs from it. Parsing that line with {@link SpecJson#applyOverride} and binding it
 * gives back an equal spec (a test checks the round trip).
 */
public final class SpecCommandLine {

    /** The preset the line starts from; any preset would do, this one is always shipped. */
    public static final String BASE_PRESET = "quickstart-dlg";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

    private SpecCommandLine() {
    }

    public static String of(ExperimentSpec spec) {
        List<String> args = new ArrayList<>(List.of("./gia", "run", "--preset", BASE_PRESET));
        ObjectNode base = SpecJson.toTree(Presets.load(BASE_PRESET));
        ObjectNode target = SpecJson.toTree(spec);
        List<String[]> changes = new ArrayList<>();
        diff("", base, target, changes);
        for (String[] kv : changes) {
            args.add("--set");
            args.add(quote(kv[0] + "=" + kv[1]));
        }
        return String.join(" ", args);
    }

    private static void diff(String prefix, JsonNode base, ObjectNode target, List<String[]> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = target.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = prefix.equals("attack.params.") ? "attack." + e.getKey() : prefix + e.getKey();
            JsonNode was = base == null ? null : base.get(e.getKey());
            if (e.getValue().isObject()) {
                diff(key + ".", was, (ObjectNode) e.getValue(), out);
            } else if (was == null || !was.equals(e.getValue())) {
                out.add(new String[] {key, raw(e.getValue())});
            }
        }
    }

    /** The text {@link SpecJson#applyOverride} parses back to {@code value}. */
    private static String raw(JsonNode value) {
        if (!value.isTextual()) {
            return value.toString();
        }
        String s = value.textValue();
        // A string that would parse as a number, boolean or null keeps its JSON quotes.
        if (s.equals("null") || s.equals("true") || s.equals("false") || s.matches("-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?")) {
            return value.toString();
        }
        return s;
    }

    /** POSIX shell quoting: bare when safe, else single quotes. */
    static String quote(String arg) {
        if (SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
