package org.giaworkbench.ui.store;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.store.ExperimentStore;

/**
 * The experiment store as the window's panes use it. The store is plain JDBC, so its work runs on one
 * daemon thread of its own (never the FX thread, never the compute thread that owns the engine), and
 * results come back through the UI executor ({@code Platform::runLater} in the window).
 */
public final class StoreAccess implements AutoCloseable {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gia-store");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;
    private final CompletableFuture<ExperimentStore> store;
    private final boolean owned;

    private StoreAccess(CompletableFuture<ExperimentStore> store, Executor ui, boolean owned) {
        this.store = store;
        this.ui = ui;
        this.owned = owned;
    }

    /** Over a store the caller opened and closes; null: every read reports that runs are not recorded. */
    public static StoreAccess of(ExperimentStore store, Executor ui) {
        return new StoreAccess(store != null ? CompletableFuture.completedFuture(store)
                : CompletableFuture.failedFuture(GiaException.badInput("no experiment store: runs are not recorded",
                        "start the window with -Dgia.db=FILE or GIA_DB=FILE")), ui, false);
    }

    /** Opens the store at {@code file} in the background; {@link #close} closes it. */
    public static StoreAccess open(Path file, Executor ui) {
        StoreAccess a = new StoreAccess(new CompletableFuture<>(), ui, true);
        a.worker.execute(() -> {
            try {
                a.store.complete(ExperimentStore.open(file));
            } catch (RuntimeException e) {
                a.store.completeExceptionally(e);
            }
        });
        return a;
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

    /** The store once open, or null (for code already off the FX thread, like a sweep). */
    public ExperimentStore storeOrNull() {
        try {
            return store.join();
        } catch (RuntimeException e) {
            return null;
        }
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
        if (owned) {
            worker.execute(() -> store.thenAccept(ExperimentStore::close));
        }
        worker.shutdown();
    }
}
