package org.giaworkbench.cli;

import java.nio.file.Path;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.StoreLocation;
import picocli.CommandLine.Option;

/** {@code --db FILE}: which experiment store a command uses (a picocli mixin). */
final class StoreOption {

    @Option(names = "--db", paramLabel = "FILE",
            description = "experiment store (default: -Dgia.db, $GIA_DB or ~/.gia-workbench/experiments.db)")
    Path db;

    /** Opens the store and tells the user on stderr what opening it did (upgrade, recovery, damaged file). */
    ExperimentStore open() {
        ExperimentStore store = ExperimentStore.open(StoreLocation.resolve(db));
        store.notices().forEach(n -> System.err.println("gia: " + n));
        return store;
    }
}
