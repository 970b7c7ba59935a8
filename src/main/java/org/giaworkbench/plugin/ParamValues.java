package org.giaworkbench.plugin;

import java.util.Collections;
import java.util.Map;

/** Validated, typed parameter values (every key of the schema present). */
public record ParamValues(Map<String, Object> values) {

    public ParamValues {
        values = Collections.unmodifiableMap(values);
    }

    public int getInt(String key) {
        return (Integer) require(key);
    }

    public double getDouble(String key) {
        return (Double) require(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) require(key);
    }

    public String getString(String key) {
        return (String) require(key);
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + key);
        }
        return v;
    }
}
