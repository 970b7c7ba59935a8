package org.giaworkbench.ui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.shell.MainController;

/**
 * {@code gia shots-train}: opens the window, presses Train… in the model pane as a user would, trains
 * for a few epochs and saves {@code train-mid.png} (during the second epoch), {@code train-end.png}
 * (the finished dialog) and {@code train-model.png} (the model pane offering the new checkpoints).
 */
public final class TrainingShots {

    private TrainingShots() {
    }

    public static int run(String[] args) throws Exception {
        Path out = Path.of("runs", "shots");
        int epochs = 3;
        String lr = "0.05";
        String[] preset = {"quickstart-ig"};
        List<String> sets = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(BenchWindow.value(args, ++i));
                case "--epochs" -> epochs = Integer.parseInt(BenchWindow.value(args, ++i));
                case "--lr" -> lr = BenchWindow.value(args, ++i);
                default -> rest.add(args[i]);
            }
        }
        BenchWindow.specArgs(rest.toArray(String[]::new), preset, sets);
        Files.createDirectories(out);
        ExperimentSpec spec = BenchWindow.spec(preset[0], sets);
        try (BenchWindow window = BenchWindow.open(spec, false)) {
            window.awaitRunnable();
            BenchWindow.fx(() -> {
                window.workbench.controller().select(MainController.Nav.MODEL);
                return null;
            });
            Thread.sleep(700);
            BenchWindow.fx(() -> {
                ((Button) window.stage.getScene().lookup("#trainButton")).fire();
                return null;
            });
            Thread.sleep(700);
            Scene dialog = BenchWindow.fx(() -> dialogScene(window));
            int e = epochs;
            String rate = lr;
            BenchWindow.fx(() -> {
                @SuppressWarnings("unchecked")
                Spinner<Integer> spinner = (Spinner<Integer>) dialog.lookup("#epochsSpinner");
                spinner.getValueFactory().setValue(e);
                ((TextField) dialog.lookup("#lrField")).setText(rate);
                ((Button) dialog.lookup("#startButton")).fire();
                return null;
            });
            boolean midTaken = false;
            long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                boolean running = BenchWindow.fx(() -> ((Button) dialog.lookup("#startButton")).isDisabled());
                double progress = BenchWindow.fx(() -> ((javafx.scene.control.ProgressBar) dialog.lookup("#progressBar"))
                        .getProgress());
                if (!midTaken && progress > 1.3 / e) {
                    save(dialog, out.resolve("train-mid.png"));
                    midTaken = true;
                }
                if (!running) {
                    break;
                }
            }
            Thread.sleep(500);
            save(dialog, out.resolve("train-end.png"));
            BenchWindow.fx(() -> {
                dialog.getWindow().hide();
                return null;
            });
            Thread.sleep(500);
            save(window.stage.getScene(), out.resolve("train-model.png"));
            System.out.printf(Locale.ROOT, "gia shots-train: wrote %s%n", out);
            return 0;
        }
    }

    private static Scene dialogScene(BenchWindow window) {
        for (Window w : Window.getWindows()) {
            if (w != window.stage && w.getScene() != null && w.getScene().lookup("#startButton") != null) {
                return w.getScene();
            }
        }
        throw new IllegalStateException("Train… opened no training window");
    }

    private static void save(Scene scene, Path file) throws Exception {
        WritableImage image = BenchWindow.fx(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
