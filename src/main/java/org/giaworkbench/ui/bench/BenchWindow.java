package org.giaworkbench.ui.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.shell.MainController;
import org.giaworkbench.ui.shell.Workbench;

/**
 * The real window (same composition root, stylesheet and size as {@code ./gia}), opened and driven from
 * a plain main thread. That thread waits for the FX thread through futures; the FX thread never waits.
 */
final class BenchWindow implements AutoCloseable {

    static final int WIDTH = 1360;
    static final int HEIGHT = 860;

    final ComputeService compute;
    final Workbench workbench;
    final Stage stage;

    private BenchWindow(ComputeService compute, Workbench workbench, Stage stage) {
        this.compute = compute;
        this.workbench = workbench;
        this.stage = stage;
    }

    /** Starts the toolkit and the engine, then shows the window with {@code spec} in its panes and the run pane open. */
    static BenchWindow open(ExperimentSpec spec, boolean dark) throws Exception {
        return open(spec, dark, null);
    }

    /** @param store where the window records its runs (null: nowhere, as for the benchmark); closed with the window */
    static BenchWindow open(ExperimentSpec spec, boolean dark, org.giaworkbench.store.ExperimentStore store) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        ComputeService compute = new ComputeService();
        compute.engineInfo();
        return fx(() -> {
            Workbench w = new Workbench(compute, store);
            w.model().apply(spec);
            Stage stage = new Stage();
            stage.setTitle(Messages.get("app.title"));
            stage.setScene(w.createScene(WIDTH, HEIGHT));
            stage.show();
            w.loadEngineInfo();
            if (dark) {
                ((ToggleButton) stage.getScene().lookup("#themeToggle")).setSelected(true);
            }
            w.controller().select(MainController.Nav.RUN);
            return new BenchWindow(compute, w, stage);
        });
    }

    /** Runs {@code task} on the FX thread and waits for its value here. */
    static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    /** Waits until the panes hold runnable settings (the dataset preview is read in the background). */
    void awaitRunnable() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!fx(() -> workbench.model().canRunProperty().get())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the window's settings never became runnable: " + fx(() -> workbench.model().spec()));
            }
            Thread.sleep(100);
        }
    }

    /** The spec of a preset with {@code key=value} overrides, exactly as {@code ./gia run} builds it. */
    static ExperimentSpec spec(String preset, List<String> overrides) {
        var tree = SpecJson.presetTree(preset);
        for (String o : overrides) {
            SpecJson.applyOverride(tree, o);
        }
        return SpecJson.bind(tree);
    }

    /** A run started in the window and the latch its end opens (the listener is added before any event can arrive). */
    record Started(RunRecord record, CountDownLatch ended) {
    }

    /** Presses Run (on the FX thread, as the toolbar does); {@code onFx} runs there just before. */
    Started startRun(Runnable onFx, Runnable onEndFx) throws Exception {
        return fx(() -> {
            onFx.run();
            CountDownLatch ended = new CountDownLatch(1);
            RunRecord r = workbench.model().run();
            if (r == null) {
                throw new IllegalStateException("Run is disabled");
            }
            r.stateProperty().addListener((obs, was, now) -> {
                if (now.isTerminal()) {
                    onEndFx.run();
                    ended.countDown();
                }
            });
            return new Started(r, ended);
        });
    }

    /** Parses {@code --preset NAME}, {@code --set k=v} (repeatable) and returns the other arguments. */
    static List<String> specArgs(String[] args, String[] preset, List<String> overrides) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--preset" -> preset[0] = value(args, ++i);
                case "--set" -> overrides.add(value(args, ++i));
                default -> rest.add(args[i]);
            }
        }
        return rest;
    }

    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    @Override
    public void close() throws Exception {
        fx(() -> {
            stage.hide();
            return null;
        });
        workbench.stopRun(workbench.model().activeHandle(), 20);
        workbench.dispose();
        compute.close();
        if (workbench.store() != null) {
            workbench.store().close();
        }
        Platform.exit();
    }
}
