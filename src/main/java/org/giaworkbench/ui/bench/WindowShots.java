package org.giaworkbench.ui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.run.RunRecord;

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
        double mid = 0.5;
        List<String> rest = BenchWindow.specArgs(args, preset, sets);
        String[] r = rest.toArray(String[]::new);
        for (int i = 0; i < r.length; i++) {
            switch (r[i]) {
                case "--out" -> out = Path.of(BenchWindow.value(r, ++i));
                case "--dark" -> dark = true;
                case "--mid" -> mid = Double.parseDouble(BenchWindow.value(r, ++i));
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: gia shots [--out DIR] [--dark] [--mid FRACTION] [--preset NAME] [--set KEY=VALUE]...
                              Opens the window, runs the spec and writes DIR/start.png (before Run), DIR/mid.png
                              (when the progress passes FRACTION, default 0.5) and DIR/end.png (the outcome).
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
        try (BenchWindow window = BenchWindow.open(spec, dark)) {
            window.awaitRunnable();
            // Let the engine line in the status bar and the preview settle before the first picture.
            Thread.sleep(1500);
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
            System.out.printf(Locale.ROOT, "gia shots: wrote %s, %s%s%n", out.resolve("start.png"),
                    taken[0] ? midFile + ", " : "", out.resolve("end.png"));
            return 0;
        }
    }

    private static void save(BenchWindow window, Path file) throws Exception {
        WritableImage image = BenchWindow.fx(() -> window.stage.getScene().snapshot(null));
        write(image, file);
    }

    private static void write(WritableImage image, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
