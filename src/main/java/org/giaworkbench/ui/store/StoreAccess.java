package org.giaworkbench.ui.store;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunTags;

/**
 * The experiment store as the window uses it. The store is plain JDBC, so its work runs on one
 * daemon thread of its own (never the FX thread, never the compute thread that owns the engine), and
 * results come back through the UI executor ({@code Platform::runLater} in the window).
 *
 * <p>The file is opened in the background too; a store that cannot be opened leaves the window
 * working without history ({@link #openError}).
 */
public final class StoreAccess implements AutoCloseable {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gia-store");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.Executor ui;
    private final CompletableFuture<ExperimentStore> store;

    /**
     * @param file null: the default location ({@code -Dgia.db}, {@code GIA_DB} or the user's folder)
     * @param ui   where results are delivered
     */
    public StoreAccess(Path file, java.util.concurrent.Executor ui) {
        this.ui = ui;
        this.store = CompletableFuture.supplyAsync(() -> ExperimentStore.openDefault(file), worker);
    }

    /** Runs {@code work} on the store thread and hands its result (or its error message) to the UI executor. */
    public <T> void read(Function<ExperimentStore, T> work, Consumer<T> onUi, Consumer<String> onError) {
        store.thenApplyAsync(work, worker).whenComplete((value, error) -> ui.execute(() -> {
            if (error == null) {
                onUi.accept(value);
            } else {
                onError.accept(message(error));
            }
        }));
    }

    /** What opening found (a damaged file moved aside, an upgrade, interrupted runs), once known. */
    public void notices(Consumer<List<String>> onUi) {
        read(ExperimentStore::notices, onUi, error -> onUi.accept(List.of(error)));
    }

    /** The opening error, or null once the store is open (blocks until opening ends; not for the FX thread). */
    public String openError() {
        try {
            store.join();
            return null;
        } catch (RuntimeException e) {
            return message(e);
        }
    }

    /**
     * A sink that records the run in the store and passes every event on; {@code next} itself when
     * the store is not (yet) open, so a run never waits for the store.
     */
    public RunEventSink recording(ExperimentSpec spec, RunTags tags, RunEventSink next) {
        ExperimentStore s = storeOrNull();
        return s == null ? next : s.recorder(spec, tags, next);
    }

    /** The open store, or null (for code that already runs off the FX thread, like a sweep). */
    public ExperimentStore storeOrNull() {
        return store.isCompletedExceptionally() ? null : store.getNow(null);
    }

    private static String message(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        worker.submit(() -> store.thenAccept(ExperimentStore::close));
        worker.shutdown();
    }
}
