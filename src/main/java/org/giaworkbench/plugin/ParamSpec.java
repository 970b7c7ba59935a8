package org.giaworkbench.plugin;

import java.util.List;

/**
 * One typed parameter of a plugin: the attack pane builds its form from these, the CLI validates
 * {@code --set attack.key=value} with them.
 *
 * @param min     inclusive lower bound for numbers (null: none)
 * @param max     inclusive upper bound for numbers (null: none)
 * @param choices allowed values of a CHOICE parameter
 */
public record ParamSpec(String key, Type type, Object defaultValue, Double min, Double max, String unit,
                        String help, List<String> choices) {

    public enum Type { INT, DOUBLE, BOOLEAN, CHOICE }

    public static ParamSpec integer(String key, int def, int min, int max, String help) {
        return new ParamSpec(key, Type.INT, def, (double) min, (double) max, "", help, List.of());
    }

    public static ParamSpec real(String key, double def, double min, double max, String unit, String help) {
        return new ParamSpec(key, Type.DOUBLE, def, min, max, unit, help, List.of());
    }

    public static ParamSpec flag(String key, boolean def, String help) {
        return new ParamSpec(key, Type.BOOLEAN, def, null, null, "", help, List.of());
    }

    public static ParamSpec choice(String key, String def, List<String> choices, String help) {
        return new ParamSpec(key, Type.CHOICE, def, null, null, "", help, List.copyOf(choices));
    }

    /** Human-readable range, e.g. {@code [1, 100000]} or {@code relu|sigmoid}. */
    public String rangeText() {
        return switch (type) {
            case INT -> "[" + min.longValue() + ", " + max.longValue() + "]";
            case DOUBLE -> "[" + min + ", " + max + "]" + (unit.isEmpty() ? "" : " " + unit);
            case BOOLEAN -> "true|false";
            case CHOICE -> String.join("|", choices);
        };
    }
}
