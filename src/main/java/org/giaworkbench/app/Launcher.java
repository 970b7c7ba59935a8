package org.giaworkbench.app;

import java.util.Arrays;
import org.giaworkbench.cli.GiaCli;
import org.giaworkbench.ui.bench.UiPulseBenchmark;
import org.giaworkbench.ui.bench.WindowShots;
import org.giaworkbench.ui.shell.WorkbenchApp;

/**
 * The program's entry point. With arguments it is the command line (or one of the two commands that
 * drive the window: {@code bench-ui} and {@code shots}); without, it opens the desktop window. It is
 * deliberately not a JavaFX Application: launching one directly from the classpath fails with "JavaFX
 * runtime components are missing".
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("bench-ui") || args[0].equals("shots")
                || args[0].equals("shots-train")) {
            leaveACoreForTheWindow();
        }
        if (args.length > 0) {
            // The two window-driving commands live here, not in the CLI, which stays free of JavaFX.
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            try {
                switch (args[0]) {
                    case "bench-ui" -> System.exit(UiPulseBenchmark.run(rest));
                    case "shots" -> System.exit(WindowShots.run(rest));
                    case "shots-train" -> System.exit(org.giaworkbench.ui.bench.TrainingShots.run(rest));
                    default -> System.exit(GiaCli.execute(args));
                }
            } catch (Exception e) {
                System.err.println("gia " + args[0] + ": " + e);
                System.exit(1);
            }
        }
        try {
            WorkbenchApp.open(args);
        } catch (RuntimeException | UnsatisfiedLinkError noDisplay) {
            System.err.println("gia: cannot open the window (" + noDisplay.getMessage() + ")");
            System.err.println("     without a display, use the command line, e.g. ./gia run --preset quickstart-dlg,");
            System.err.println("     or a virtual one: xvfb-run -a ./gia");
            System.exit(1);
        }
        // The window has closed; the compute thread is a daemon, but stray non-daemon threads must not keep us alive.
        System.exit(0);
    }

    /**
     * With the window open, PyTorch gets one core fewer than the machine has (at least one): its
     * OpenMP workers spin between operations and otherwise starve the FX and render threads. Measured
     * on 2 cores with bench-ui: the window's run took 12.6 s with two engine threads and 5.9 s with one.
     * It is a cap on {@code compute.ThreadPolicy}'s rule (small models still get one thread); a user's own
     * {@code -Dgia.threads} or {@code -Dai.djl.pytorch.num_threads} wins.
     */
    private static void leaveACoreForTheWindow() {
        if (System.getProperty("gia.threads.cap") == null) {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty("gia.threads.cap", Integer.toString(threads));
        }
    }
}
