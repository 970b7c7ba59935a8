package org.giaworkbench.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;

/**
 * A one-line progress bar on the terminal: iteration, loss, latest PSNR, speed and ETA. Redraws in
 * place on a terminal; prints a line every ten percent otherwise (logs, CI).
 */
final class ConsoleProgress implements RunEventSink {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final boolean interactive;
    private double psnr = Double.NaN;
    private int lastDecile = -1;
    private boolean drew;

    ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void accept(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            out.printf(Locale.ROOT, "%s on %s: %s, %s, batch %d%n", s.spec().attack().id(), s.info().device(),
                    s.spec().model().arch(), s.spec().data().source(), s.truth().count());
        } else if (event instanceof RunEvent.Snapshot s) {
            psnr = s.scores().psnrMean();
        } else if (event instanceof RunEvent.Progress p) {
            draw(p);
        } else if (event.isTerminal() && drew && interactive) {
            out.println();
        }
    }

    private void draw(RunEvent.Progress p) {
        double fraction = Math.min(1, p.iteration() / (double) Math.max(1, p.totalIterations()));
        double eta = p.iterationsPerSecond() > 0 ? (p.totalIterations() - p.iteration()) / p.iterationsPerSecond() : Double.NaN;
        int filled = (int) Math.round(fraction * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%% it %d/%d loss %.4g psnr %s %.1f it/s ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, p.iteration(), p.totalIterations(),
                p.loss(), Double.isNaN(psnr) ? "-" : String.format(Locale.ROOT, "%.2f dB", psnr),
                p.iterationsPerSecond(), duration(eta));
        if (interactive) {
            out.print("\r" + line + "   ");
            out.flush();
            drew = true;
        } else {
            int decile = (int) (fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line);
            }
        }
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
