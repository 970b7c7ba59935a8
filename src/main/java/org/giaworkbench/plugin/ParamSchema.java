package org.giaworkbench.plugin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.giaworkbench.core.GiaException;

/** The ordered parameters of a plugin, and the validation that turns raw values into typed ones. */
public record ParamSchema(List<ParamSpec> params) {

    public ParamSchema {
        params = List.copyOf(params);
    }

    public static ParamSchema of(ParamSpec... params) {
        return new ParamSchema(List.of(params));
    }

    /**
     * Checks every raw value (unknown keys, types, ranges) and fills in defaults.
     *
     * @param owner named in error messages, e.g. "attack dlg"
     */
    public ParamValues validate(Map<String, Object> raw, String owner) {
        Map<String, ParamSpec> byKey = params.stream()
                .collect(Collectors.toMap(ParamSpec::key, p -> p, (a, b) -> a, LinkedHashMap::new));
        for (String key : raw.keySet()) {
            if (!byKey.containsKey(key)) {
                throw GiaException.badInput(owner + " has no parameter '" + key + "'",
                        "its parameters are: " + String.join(", ", byKey.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            Object v = raw.containsKey(p.key()) ? raw.get(p.key()) : p.defaultValue();
            values.put(p.key(), coerce(p, v, owner));
        }
        return new ParamValues(values);
    }

    /** The problem with one value, or null if it is valid (the GUI shows this inline). */
    public String problem(String key, Object value) {
        ParamSpec p = params.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
        if (p == null) {
            return "unknown parameter " + key;
        }
        try {
            coerce(p, value, "");
            return null;
        } catch (GiaException e) {
            return e.getMessage();
        }
    }

    private static Object coerce(ParamSpec p, Object v, String owner) {
        String where = (owner.isEmpty() ? "" : owner + ": ") + p.key();
        if (v == null) {
            throw GiaException.badInput(where + " has no value", "expected " + p.rangeText());
        }
        switch (p.type()) {
            case INT -> {
                long n;
                if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
                    n = num.longValue();
                } else if (v instanceof String s && s.trim().matches("-?\\d+")) {
                    n = Long.parseLong(s.trim());
                } else {
                    throw GiaException.badInput(where + " must be a whole number, got '" + v + "'", "expected " + p.rangeText());
                }
                checkRange(p, n, where);
                return (int) n;
            }
            case DOUBLE -> {
                double d;
                if (v instanceof Number num) {
                    d = num.doubleValue();
                } else {
                    try {
                        d = Double.parseDouble(v.toString().trim());
                    } catch (NumberFormatException e) {
                        throw GiaException.badInput(where + " must be a number, got '" + v + "'", "expected " + p.rangeText());
                    }
                }
                if (!Double.isFinite(d)) {
                    throw GiaException.badInput(where + " must be finite, got " + d, "expected " + p.rangeText());
                }
                checkRange(p, d, where);
                return d;
            }
            case BOOLEAN -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                String s = v.toString().trim().toLowerCase();
                if (s.equals("true") || s.equals("false")) {
                    return Boolean.parseBoolean(s);
                }
                throw GiaException.badInput(where + " must be true or false, got '" + v + "'", "");
            }
            case CHOICE -> {
                String s = v.toString().trim();
                if (!p.choices().contains(s)) {
                    throw GiaException.badInput(where + " cannot be '" + s + "'", "choose one of " + p.rangeText());
                }
                return s;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void checkRange(ParamSpec p, double v, String where) {
        if ((p.min() != null && v < p.min()) || (p.max() != null && v > p.max())) {
            throw GiaException.badInput(where + " = " + (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v))
                    + " is out of range", "expected " + p.rangeText());
        }
    }
}
