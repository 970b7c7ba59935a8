package org.giaworkbench.store;

import java.nio.file.Path;

/**
 * Where the store lives: an explicit path (the CLI's {@code --db}), else the system property
 * {@code gia.db}, else the environment variable {@code GIA_DB}, else {@code ~/.gia-workbench/experiments.db}.
 */
public final class StoreLocation {

    public static final String PROPERTY = "gia.db";
    public static final String ENV = "GIA_DB";

    private StoreLocation() {
    }

    public static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".gia-workbench", "experiments.db");
    }
}
