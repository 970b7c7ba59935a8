package org.giaworkbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.core.store.RunOutputs;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunRecorder;
import org.giaworkbench.store.RunTags;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gia run}: one attack from a spec file or a preset, with overrides; writes the run's files. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs one attack and writes summary.json, series.csv and reconstruction.png.",
                "Ctrl-C cancels and still writes the best reconstruction so far."})
final class RunCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--spec", paramLabel = "FILE", description = "experiment spec (JSON)")
        Path spec;

        @Option(names = "--preset", paramLabel = "NAME", description = "a bundled preset, see `gia list`")
        String preset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a dotted key, e.g. attack.iterations=500, data.batch=4, model.activation=relu")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: runs/<name>-<time>)")
    Path out;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Mixin
    StoreOption storeOption;

    @Option(names = "--no-store", description = "do not record the run in the experiment store")
    boolean noStore;

    /** Released once the run's files are on disk, so that a Ctrl-C hook does not end the JVM before. */
    private final CountDownLatch outputsWritten = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        ObjectNode tree = source.preset != null ? SpecJson.presetTree(source.preset)
                : SpecJson.toTree(SpecJson.read(source.spec));
        for (String o : overrides) {
            SpecJson.applyOverride(tree, o);
        }
        ExperimentSpec spec = SpecJson.bind(tree);
        Path dir = out != null ? out : defaultOutput(spec);
        OutputFolder.requireWritable(dir, "--out");
        AtomicReference<RunEvent> terminal = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ConsoleProgress progress = new ConsoleProgress(System.err, System.console() != null);
        ExperimentStore store = noStore ? null : openStoreOrWarn();
        try (ComputeService compute = new ComputeService()) {
            RunEventSink sink = event -> {
                if (!quiet) {
                    progress.accept(event);
                }
                if (event.isTerminal()) {
                    terminal.set(event);
                    done.countDown();
                }
            };
            // The recorder writes each event to the store before it reaches the console (and the latch).
            RunRecorder recorder = store == null ? null : store.recorder(spec, RunTags.NONE, sink);
            RunHandle handle = compute.submit(spec, recorder == null ? sink : recorder);
            Thread hook = new Thread(() -> {
                handle.cancel();
                try {
                    // Give the run time to stop at the next iteration and write what it has.
                    done.await(30, TimeUnit.SECONDS);
                    outputsWritten.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "gia-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            done.await();
            try {
                if (recorder != null && recorder.storedId().isPresent()) {
                    System.out.println("stored as run " + recorder.storedId().getAsLong() + " in " + store.file()
                            + " (./gia show " + recorder.storedId().getAsLong() + ")");
                }
                return finish(terminal.get(), dir);
            } finally {
                outputsWritten.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C arrived: the hook is waiting for the outputs written above.
                }
            }
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    /** A store that cannot be opened must not cost the run: warn and go on without it. */
    private ExperimentStore openStoreOrWarn() {
        try {
            return storeOption.open();
        } catch (GiaException e) {
            System.err.println("gia: the run will not be recorded: " + e.getMessage()
                    + (e.hint().isEmpty() ? "" : " (" + e.hint() + ")"));
            return null;
        }
    }

    private int finish(RunEvent event, Path dir) throws Exception {
        RunResult result;
        if (event instanceof RunEvent.Finished f) {
            result = f.result();
        } else if (event instanceof RunEvent.Cancelled c) {
            result = c.bestSoFar();
        } else if (event instanceof RunEvent.Failed f) {
            result = f.partial();
        } else {
            throw new IllegalStateException("not terminal: " + event);
        }
        if (result != null) {
            RunOutputs.writeAll(result, dir);
            System.out.printf(Locale.ROOT, "%s: PSNR %.2f dB, SSIM %.4f, label accuracy %s, %d iterations in %.1f s%n",
                    result.status().name().toLowerCase(Locale.ROOT), result.scores().psnrMean(), result.scores().ssimMean(),
                    Double.isNaN(result.labelAccuracy()) ? "-" : String.format(Locale.ROOT, "%.2f", result.labelAccuracy()),
                    result.iterations(), result.wallSeconds());
            System.out.println("wrote " + dir.resolve(RunOutputs.SUMMARY) + ", " + RunOutputs.SERIES + ", " + RunOutputs.GRID);
        }
        if (event instanceof RunEvent.Failed f) {
            throw new GiaException(f.kind(), f.message() + (result != null ? " (partial results written to " + dir + ")" : ""),
                    f.hint());
        }
        return event instanceof RunEvent.Cancelled ? GiaCli.CANCELLED : GiaCli.OK;
    }

    private static Path defaultOutput(ExperimentSpec spec) {
        String name = spec.name().isBlank() ? spec.attack().id() : spec.name();
        return Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
