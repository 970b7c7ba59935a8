package org.giaworkbench.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gia show ID}: one stored run in full (spec, versions, metrics per image, series in brief). */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Prints one stored run.")
final class ShowCommand implements Callable<Integer> {

    @Mixin
    StoreOption storeOption;

    @Parameters(paramLabel = "ID", description = "the run's id (see `gia history`)")
    long id;

    @Override
    public Integer call() {
        try (ExperimentStore store = storeOption.open()) {
            StoredRun r = store.require(id);
            RunSummary s = r.summary();
            var out = System.out;
            out.printf(Locale.ROOT, "run %d  %s  %s%n", s.id(), DateTimeFormatter.ISO_LOCAL_DATE_TIME
                    .format(s.createdAt().atZone(ZoneId.systemDefault()).withNano(0)), s.name());
            out.printf(Locale.ROOT, "  status      %s: %s%n", s.status().key(), r.message());
            out.printf(Locale.ROOT, "  attack      %s on %s (%s weights), %s, batch %d, same label %d%n", s.attack(), s.model(),
                    r.spec().model().weights(), s.dataset(), s.batch(), r.spec().data().sameLabel());
            out.printf(Locale.ROOT, "  iterations  %d of %d in %s s; best loss %s%n", s.iterations(), r.totalIterations(),
                    HistoryCommand.num(s.wallSeconds(), "%.1f"), HistoryCommand.num(r.bestLoss(), "%.6g"));
            out.printf(Locale.ROOT, "  PSNR        %s dB   SSIM %s   label accuracy %s%n", HistoryCommand.num(s.psnrMean(), "%.2f"),
                    HistoryCommand.num(s.ssimMean(), "%.4f"), HistoryCommand.num(r.labelAccuracy(), "%.2f"));
            r.metrics().forEach((k, v) -> out.printf(Locale.ROOT, "  %-11s %s%n", k, HistoryCommand.num(v, "%.4f")));
            out.printf(Locale.ROOT, "  seed        %d   device %s   parameters %d%n", r.seed(), r.device(), r.parameterCount());
            out.println("  versions    " + r.versions());
            if (s.sweepId() != null) {
                out.println("  sweep       " + s.sweepId() + "  cell " + s.cellKey());
            }
            out.println("  images      (index: true label -> recovered, PSNR dB, SSIM)");
            for (int i = 0; i < s.batch(); i++) {
                out.printf(Locale.ROOT, "    %3d: %s -> %s  %s  %s%n", i, label(r.trueLabels(), i), label(r.recoveredLabels(), i),
                        HistoryCommand.num(r.psnr()[i], "%.2f"), HistoryCommand.num(r.ssim()[i], "%.4f"));
            }
            List<SeriesPoint> series = store.series(id);
            out.printf(Locale.ROOT, "  series      %d points", series.size());
            if (!series.isEmpty()) {
                SeriesPoint last = series.get(series.size() - 1);
                out.printf(Locale.ROOT, ", last: iteration %d loss %s", last.iteration(), HistoryCommand.num(last.loss(), "%.6g"));
            }
            out.println();
            out.println("  spec        " + r.specJson().replace("\n", "\n              "));
            return GiaCli.OK;
        }
    }

    private static String label(int[] labels, int i) {
        return i < labels.length ? Integer.toString(labels[i]) : "?";
    }
}
