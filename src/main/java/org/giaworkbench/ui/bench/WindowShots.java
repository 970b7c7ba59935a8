package org.giaworkbench.ui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.shell.MainController;

/**
 * {@code ./gia shots}: pictures of the real window before, during and after a run, for looking at the
 * window without sitting at it and for the README. The pictures are scene snapshots (the window's
 * content at its normal size, no desktop around it); the mid-run one is taken on the FX thread the
 * moment the progress passes the requested fraction, so it does not depend on the machine's speed.
 */
public final class WindowShots {

    private WindowShots() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        String[] preset = {"quickstart-dlg"};
        List<String> sets = new ArrayList<>();
        Path out = Path.of("runs", "shots");
        boolean dark = false;
        boolean all = false;
        double mid = 0.5;
        List<String> rest = BenchWindow.specArgs(args, preset, sets);
        String[] r = rest.toArray(String[]::new);
        for (int i = 0; i < r.length; i++) {
            switch (r[i]) {
                case "--out" -> out = Path.of(BenchWindow.value(r, ++i));
                case "--dark" -> dark = true;
                case "--all" -> all = true;
                case "--mid" -> mid = Double.parseDouble(BenchWindow.value(r, ++i));
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: gia shots [--out DIR] [--dark] [--all] [--mid FRACTION] [--preset NAME] [--set KEY=VALUE]...
                              Opens the window, runs the spec and writes DIR/start.png (before Run), DIR/mid.png
                              (when the progress passes FRACTION, default 0.5) and DIR/end.png (the outcome);
                              --all adds every pane before the run, and after it the first pair's detail view,
                              the stored history, the comparison of the newest stored runs and a small sweep
                              (batch 1,2 x 2 seeds of the same spec; the runs go into the experiment store).
                              Default DIR: runs/shots. Needs a display: xvfb-run -a ./gia shots""");
                    return 0;
                }
                default -> {
                    System.err.println("gia shots: unknown argument " + r[i] + " (see --help)");
                    return 2;
                }
            }
        }
        Files.createDirectories(out);
        ExperimentSpec spec = BenchWindow.spec(preset[0], sets);
        // The shots record into the experiment store (GIA_DB or -Dgia.db chooses it), so the history has runs.
        try (BenchWindow window = BenchWindow.open(spec, dark, all ? org.giaworkbench.store.ExperimentStore.openDefault(null) : null)) {
            window.awaitRunnable();
            // Let the engine line in the status bar and the preview settle before the first picture.
            Thread.sleep(1500);
            if (all) {
                for (MainController.Nav nav : MainController.Nav.values()) {
                    BenchWindow.fx(() -> {
                        window.workbench.controller().select(nav);
                        return null;
                    });
                    Thread.sleep(700);
                    save(window, out.resolve("pane-" + nav.name().toLowerCase(Locale.ROOT) + ".png"));
                }
                BenchWindow.fx(() -> {
                    window.workbench.controller().select(MainController.Nav.RUN);
                    return null;
                });
                Thread.sleep(300);
            }
            save(window, out.resolve("start.png"));
            double fraction = mid;
            Path midFile = out.resolve("mid.png");
            boolean[] taken = {false};
            BenchWindow.Started started = window.startRun(() -> { }, () -> { });
            RunRecord record = started.record();
            BenchWindow.fx(() -> {
                record.iterationProperty().addListener((obs, was, now) -> {
                    int total = record.totalIterationsProperty().get();
                    if (!taken[0] && total > 0 && now.intValue() >= fraction * total && !record.pairs().isEmpty()) {
                        taken[0] = true;
                        // Layout and CSS of this pulse's changes first, so the picture shows the new values.
                        window.stage.getScene().getRoot().applyCss();
                        window.stage.getScene().getRoot().layout();
                        write(window.stage.getScene().snapshot(null), midFile);
                    }
                });
                return null;
            });
            if (!started.ended().await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the run did not end in 30 minutes");
            }
            Thread.sleep(500);
            save(window, out.resolve("end.png"));
            if (all) {
                saveDetail(window, out.resolve("detail.png"));
                saveGradSim(window, out.resolve("gradsim.png"));
                saveStoredViews(window, out);
            }
            System.out.printf(Locale.ROOT, "gia shots: wrote %s, %s%s%n", out.resolve("start.png"),
                    taken[0] ? midFile + ", " : "", out.resolve("end.png"));
            return 0;
        }
    }

    private static void save(BenchWindow window, Path file) throws Exception {
        WritableImage image = BenchWindow.fx(() -> window.stage.getScene().snapshot(null));
        write(image, file);
    }

    /** Clicks the first gallery pair as a user would and pictures the detail window it opens. */
    private static void saveDetail(BenchWindow window, Path file) throws Exception {
        BenchWindow.fx(() -> {
            Node pair = window.stage.getScene().lookup("#pair-0");
            pair.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 10, 10, 10, 10, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, true, false, true, null));
            return null;
        });
        Thread.sleep(700);
        WritableImage image = BenchWindow.fx(() -> {
            for (Window w : Window.getWindows()) {
                if (w != window.stage && w.getScene() != null) {
                    WritableImage shot = w.getScene().snapshot(null);
                    w.hide();
                    return shot;
                }
            }
            throw new IllegalStateException("clicking a pair opened no detail window");
        });
        write(image, file);
    }

    /** Opens the gradient similarity window from the toolbar, measures with its defaults and pictures it. */
    private static void saveGradSim(BenchWindow window, Path file) throws Exception {
        BenchWindow.fx(() -> {
            ((javafx.scene.control.Button) window.stage.getScene().lookup("#gradSimButton")).fire();
            return null;
        });
        Thread.sleep(700);
        Window gradsim = BenchWindow.fx(() -> Window.getWindows().stream()
                .filter(w -> w != window.stage && w.getScene() != null && w.getScene().lookup("#gradsim-run") != null)
                .findFirst().orElseThrow(() -> new IllegalStateException("no gradient similarity window")));
        BenchWindow.fx(() -> {
            ((javafx.scene.control.Button) gradsim.getScene().lookup("#gradsim-run")).fire();
            return null;
        });
        for (int s = 0; s < 900; s++) {
            boolean done = BenchWindow.fx(() -> !((javafx.scene.chart.XYChart<?, ?>) gradsim.getScene().lookup("#gradsim-trend"))
                    .getData().isEmpty());
            if (done) {
                break;
            }
            Thread.sleep(1000);
        }
        Thread.sleep(500);
        write(BenchWindow.fx(() -> gradsim.getScene().snapshot(null)), file);
    }

    /**
     * The sweep dialog after a small sweep of the shot's spec (the dialog's default row, two seeds),
     * then the history of stored runs and the comparison of the newest three.
     */
    private static void saveStoredViews(BenchWindow window, Path out) throws Exception {
        BenchWindow.fx(() -> {
            var dialog = window.workbench.sweepDialog();
            dialog.show();
            dialog.form().seedsProperty().set(2);
            dialog.run().start(dialog.form().plan());
            return null;
        });
        long deadline = System.currentTimeMillis() + 20 * 60_000;
        while (BenchWindow.fx(() -> window.workbench.sweepDialog().run().runningProperty().get())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the sweep did not end in 20 minutes");
            }
            Thread.sleep(500);
        }
        Thread.sleep(700);
        write(BenchWindow.fx(() -> snapshotOtherWindow(window, "#sweepPane")), out.resolve("sweep.png"));
        BenchWindow.fx(() -> {
            window.workbench.sweepDialog().stage().hide();
            return null;
        });
        BenchWindow.fx(() -> {
            window.workbench.controller().select(MainController.Nav.HISTORY);
            window.workbench.history().refresh();
            return null;
        });
        Thread.sleep(1500);
        save(window, out.resolve("history.png"));
        int selected = BenchWindow.fx(() -> {
            @SuppressWarnings("unchecked")
            TableView<Object> table = (TableView<Object>) window.stage.getScene().lookup("#runTable");
            int n = Math.min(3, table.getItems().size());
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectRange(0, n);
            if (n >= 2) {
                ((Button) window.stage.getScene().lookup("#compareButton")).fire();
            }
            return n;
        });
        if (selected >= 2) {
            Thread.sleep(1500);
            write(BenchWindow.fx(() -> snapshotOtherWindow(window, "#compareView")), out.resolve("compare.png"));
        }
        // A stored run opened from the history, in the run pane.
        BenchWindow.fx(() -> {
            @SuppressWarnings("unchecked")
            TableView<Object> table = (TableView<Object>) window.stage.getScene().lookup("#runTable");
            table.getSelectionModel().clearAndSelect(table.getItems().size() - 1);
            ((Button) window.stage.getScene().lookup("#openRunButton")).fire();
            return null;
        });
        Thread.sleep(1500);
        save(window, out.resolve("stored-run.png"));
    }

    private static WritableImage snapshotOtherWindow(BenchWindow window, String rootId) {
        for (Window w : Window.getWindows()) {
            if (w != window.stage && w.getScene() != null && w.getScene().lookup(rootId) != null) {
                w.getScene().getRoot().applyCss();
                w.getScene().getRoot().layout();
                return w.getScene().snapshot(null);
            }
        }
        throw new IllegalStateException("no window shows " + rootId);
    }

    private static void write(WritableImage image, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
