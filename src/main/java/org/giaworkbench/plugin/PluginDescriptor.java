package org.giaworkbench.plugin;

import java.util.Set;

/**
 * What the UI and CLI know about a plugin without touching DJL.
 *
 * @param id           stable kebab-case id, never renamed (specs and the store keep it)
 * @param capabilities free-form flags, e.g. {@code needs-labels}, {@code batch>1}
 */
public record PluginDescriptor(String id, String name, Family family, String summary, String citation,
                               ParamSchema schema, Set<String> capabilities) {
}
