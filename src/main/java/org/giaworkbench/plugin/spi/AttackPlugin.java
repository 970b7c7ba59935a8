package org.giaworkbench.plugin.spi;

import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginDescriptor;

/**
 * An attack the workbench offers, found through {@link java.util.ServiceLoader}. Its descriptor is
 * what the UI and CLI show; {@link #create} builds one run's attack from validated parameters.
 */
public interface AttackPlugin {

    PluginDescriptor descriptor();

    /** Whether the attack assumes the server knows the labels when the spec says {@code auto}. */
    boolean assumesKnownLabels();

    Attack create(ParamValues params);
}
