package org.giaworkbench.store;

import java.util.Locale;
import org.giaworkbench.core.result.RunStatus;

/** A stored run's state: the four ways a run ends, plus running (being written) and interrupted (its process died). */
public enum StoredStatus {
    RUNNING, FINISHED, CANCELLED, DIVERGED, FAILED, INTERRUPTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StoredStatus of(RunStatus status) {
        return valueOf(status.name());
    }

    /** Parses a stored or user-given key (case-insensitive). */
    public static StoredStatus parse(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
