package org.giaworkbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.sweep.SweepCell;
import org.giaworkbench.sweep.SweepDefinition;
import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.sweep.SweepPresets;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.sweep.SweepRunner;
import org.giaworkbench.sweep.TrendChart;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gia sweep}: a grid of runs over factors and seeds, recorded in the store and resumable. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs every cell of factors x seeds (each a stored run), skipping cells already finished in",
                "the store, so the same command resumes an interrupted sweep. Writes a table (stdout and CSV)",
                "and trend charts (PNG): each metric against the first factor, mean and sd over the seeds.",
                "  gia sweep --preset batch-size-quick",
                "  gia sweep --spec base.json --vary data.batch=1,4,8,16 --vary model.arch=resnet20,resnet56 --seeds 3"})
final class SweepCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--spec", paramLabel = "FILE", description = "base experiment spec (JSON)")
        Path spec;

        @Option(names = "--preset", paramLabel = "NAME", description = "a sweep preset, or a run preset as the base (see `gia list`)")
        String preset;

        @Option(names = "--sweep-file", paramLabel = "FILE", description = "a sweep definition (JSON, the sweep-preset format)")
        Path sweepFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the base spec")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--vary", paramLabel = "KEY=V1,V2", description = "a factor and its values (repeatable; adds to or replaces the preset's)")
    List<String> vary = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N", description = "runs per cell, seeds 0..N-1 added to run.seed and data.seed")
    Integer seeds;

    @Option(names = "--metric", paramLabel = "NAME", description = "extra metric per run: gradient_cosine (repeatable)")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where the table and charts go (default: runs/<sweep id>)")
    Path out;

    @Option(names = "--dry-run", description = "list the cells and which are done; run nothing")
    boolean dryRun;

    @Option(names = "--quiet", description = "no progress bar per run")
    boolean quiet;

    @Mixin
    StoreOption storeOption;

    @Override
    public Integer call() throws Exception {
        SweepPlan plan = SweepPlan.of(definition());
        if (plan.definition().vary().isEmpty() && plan.definition().seeds() == 1) {
            throw GiaException.badInput("nothing to sweep", "add --vary KEY=V1,V2 or --seeds N");
        }
        Path dir = out != null ? out : Path.of("runs", plan.sweepId());
        if (!dryRun) {
            OutputFolder.requireWritable(dir, "--out");
        }
        try (ExperimentStore store = storeOption.open()) {
            if (dryRun) {
                for (SweepCell c : plan.cells()) {
                    System.out.println((store.finishedRun(plan.sweepId(), c.key()).isPresent() ? "done  " : "to do ") + c.key());
                }
                return GiaCli.OK;
            }
            SweepRunner.Outcome outcome;
            try (ComputeService compute = new ComputeService()) {
                SweepRunner runner = new SweepRunner(compute, store);
                CountDownLatch finished = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    runner.cancel();
                    try {
                        finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                }, "gia-sweep-ctrl-c");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    outcome = runner.run(plan, new Progress(plan));
                } finally {
                    finished.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // Ctrl-C: the hook waits for the latch released above.
                    }
                }
            }
            SweepResults results = SweepResults.collect(store, plan);
            writeResults(results, dir);
            System.out.printf(Locale.ROOT, "sweep %s: %d cells, %d run now, %d already done, %d not finished%s%n",
                    plan.sweepId(), outcome.total(), outcome.ran(), outcome.skipped(), outcome.notFinished(),
                    outcome.cancelled() ? " (cancelled: run the same command again to resume)" : "");
            System.out.print(results.table());
            System.out.println("wrote " + dir.resolve("sweep-summary.csv") + ", sweep-cells.csv, trend-*.png");
            return outcome.cancelled() ? GiaCli.CANCELLED : GiaCli.OK;
        }
    }

    SweepDefinition definition() {
        SweepDefinition def;
        if (source.sweepFile != null) {
            def = SweepDefinition.read(source.sweepFile);
        } else if (source.preset != null && !Presets.names().contains(source.preset) && SweepPresets.exists(source.preset)) {
            def = SweepPresets.load(source.preset);
        } else {
            ObjectNode base = source.preset != null ? SpecJson.presetTree(source.preset) : SpecJson.toTree(SpecJson.read(source.spec));
            String name = source.preset != null ? source.preset : source.spec.getFileName().toString().replaceFirst("\\.json$", "");
            def = new SweepDefinition(name, "", base, Map.of(), 1, List.of());
        }
        if (!overrides.isEmpty()) {
            ObjectNode base = def.base().deepCopy();
            overrides.forEach(o -> SpecJson.applyOverride(base, o));
            def = new SweepDefinition(def.name(), def.description(), base, def.vary(), def.seeds(), def.metrics());
        }
        Map<String, List<String>> more = new LinkedHashMap<>();
        vary.forEach(v -> {
            Map.Entry<String, List<String>> e = SweepDefinition.parseVary(v);
            more.put(e.getKey(), e.getValue());
        });
        return def.with(more, seeds, metrics);
    }

    static void writeResults(SweepResults results, Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sweep-summary.csv"), results.groupsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sweep-cells.csv"), results.cellsCsv(), StandardCharsets.UTF_8);
        for (String m : results.metricNames()) {
            TrendChart.write(results, m, dir.resolve("trend-" + m + ".png"));
        }
    }

    /** Progress across cells on stderr, with the usual per-run bar. */
    private final class Progress implements SweepRunner.Listener {
        private final int total;
        private ConsoleProgress bar;
        private int barCell = -1;

        Progress(SweepPlan plan) {
            total = plan.cells().size();
        }

        @Override
        public void planned(SweepPlan plan, int missing) {
            System.err.printf(Locale.ROOT, "sweep %s: %d cells, %d to run, %d already in the store%n", plan.sweepId(), total,
                    missing, total - missing);
        }

        @Override
        public void skipped(int index, SweepCell cell, long runId) {
            System.err.printf(Locale.ROOT, "[%d/%d] %s: done before (run %d)%n", index + 1, total, cell.key(), runId);
        }

        @Override
        public void group(java.util.List<Integer> indices) {
            // Cells stacked on a GPU run together: the bar follows the first of them.
            barCell = indices.get(0);
            bar = new ConsoleProgress(System.err, System.console() != null);
        }

        @Override
        public void started(int index, SweepCell cell) {
            System.err.printf(Locale.ROOT, "[%d/%d] %s%n", index + 1, total, cell.key());
        }

        @Override
        public void event(int index, SweepCell cell, RunEvent event) {
            if (!quiet && bar != null && index == barCell) {
                bar.accept(event);
            }
        }

        @Override
        public void ended(int index, SweepCell cell, RunSummary run) {
            System.err.printf(Locale.ROOT, "[%d/%d] %s: %s, PSNR %s dB, SSIM %s (run %d)%n", index + 1, total, cell.key(),
                    run.status().key(), HistoryCommand.num(run.psnrMean(), "%.2f"), HistoryCommand.num(run.ssimMean(), "%.4f"),
                    run.id());
        }
    }
}
