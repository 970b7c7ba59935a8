package org.giaworkbench.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunQuery;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gia history}: the stored runs, newest first (works while the window or another run writes). */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Lists the runs in the experiment store, newest first.")
final class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Mixin
    StoreOption storeOption;

    @Option(names = "--attack", paramLabel = "ID", description = "only this attack")
    String attack;

    @Option(names = "--model", paramLabel = "ARCH", description = "only this model")
    String model;

    @Option(names = "--dataset", paramLabel = "SOURCE", description = "only this data source")
    String dataset;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "only runs in this state: running, finished, cancelled, diverged, failed, interrupted")
    String status;

    @Option(names = "--sweep", paramLabel = "ID", description = "only the runs of this sweep")
    String sweep;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N runs (0: all; default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        StoredStatus st = null;
        if (status != null) {
            try {
                st = StoredStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw GiaException.badInput("unknown status '" + status + "'",
                        "use running, finished, cancelled, diverged, failed or interrupted");
            }
        }
        try (ExperimentStore store = storeOption.open()) {
            List<RunSummary> runs = store.runs(RunQuery.all().withAttack(attack).withModel(model).withDataset(dataset)
                    .withStatus(st).withSweep(sweep).withLimit(limit));
            if (runs.isEmpty()) {
                System.out.println("no stored runs" + (attack != null || model != null || dataset != null || st != null
                        || sweep != null ? " match the filters" : " yet") + " (" + store.file() + ")");
                return GiaCli.OK;
            }
            System.out.printf(Locale.ROOT, "%6s  %-16s  %-20s  %-14s  %-16s  %5s  %-11s  %7s  %6s  %s%n", "ID", "DATE", "ATTACK",
                    "MODEL", "DATASET", "BATCH", "STATUS", "PSNR", "SSIM", "SWEEP CELL");
            for (RunSummary r : runs) {
                System.out.printf(Locale.ROOT, "%6d  %-16s  %-20s  %-14s  %-16s  %5d  %-11s  %7s  %6s  %s%n", r.id(),
                        DATE.format(r.createdAt()), r.attack(), r.model(), r.dataset(), r.batch(), r.status().key(),
                        num(r.psnrMean(), "%.2f"), num(r.ssimMean(), "%.3f"), r.cellKey() == null ? "" : r.cellKey());
            }
            return GiaCli.OK;
        }
    }

    static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }
}
