package org.giaworkbench.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.plugin.spi.AttackPlugin;

/** The attacks found on the class path through {@link ServiceLoader}, by stable id. */
public final class PluginRegistry {

    private static final PluginRegistry DEFAULT = new PluginRegistry(ServiceLoader.load(AttackPlugin.class));

    private final Map<String, AttackPlugin> attacks = new LinkedHashMap<>();

    PluginRegistry(Iterable<AttackPlugin> plugins) {
        for (AttackPlugin p : plugins) {
            String id = p.descriptor().id();
            if (attacks.putIfAbsent(id, p) != null) {
                throw new IllegalStateException("two attack plugins claim the id " + id);
            }
        }
    }

    /** A registry of exactly these plugins (tests, embedding). */
    public static PluginRegistry of(AttackPlugin... plugins) {
        return new PluginRegistry(List.of(plugins));
    }

    public static PluginRegistry defaults() {
        return DEFAULT;
    }

    public List<PluginDescriptor> attackDescriptors() {
        List<PluginDescriptor> out = new ArrayList<>();
        attacks.values().forEach(p -> out.add(p.descriptor()));
        return out;
    }

    public AttackPlugin attack(String id) {
        AttackPlugin p = attacks.get(id);
        if (p == null) {
            throw GiaException.badInput("unknown attack '" + id + "'", "choose one of " + String.join(", ", attacks.keySet()));
        }
        return p;
    }
}
