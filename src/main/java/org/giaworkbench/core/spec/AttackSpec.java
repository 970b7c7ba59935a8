package org.giaworkbench.core.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which attack runs and its parameters (checked against the attack's parameter schema before a run).
 *
 * @param id     stable attack id, e.g. {@code dlg}, {@code idlg}, {@code inverting-gradients}
 * @param params values by parameter key; missing keys take the schema's defaults
 */
public record AttackSpec(String id, Map<String, Object> params) {

    public AttackSpec {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
