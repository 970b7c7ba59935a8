package org.giaworkbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.train.EpochStats;
import org.giaworkbench.core.train.TrainingEvent;
import org.giaworkbench.core.train.TrainingHandle;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gia train}: trains a built-in model for N epochs, writing a checkpoint per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a built-in model and writes epoch-<k>.npz and training.json per epoch.",
                "Attack the result with --set model.weights=trained:K (same model, activation and data).",
                "Ctrl-C cancels and keeps the checkpoints of the completed epochs."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "resnet20", description = "architecture (${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--activation", defaultValue = "default", description = "activation (${DEFAULT-VALUE}: the model's own)")
    String activation;

    @Option(names = "--data", defaultValue = "bundled-cifar10",
            description = "bundled-cifar10, cifar10, cifar100 or image-folder (${DEFAULT-VALUE})")
    String source;

    @Option(names = "--path", description = "the CIFAR file or folder, or the image folder")
    String path;

    @Option(names = "--resolution", defaultValue = "32", description = "image side in pixels (${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--normalization", defaultValue = "cifar10", description = "cifar10, imagenet or none (${DEFAULT-VALUE})")
    String normalization;

    @Option(names = "--epochs", defaultValue = "5", description = "epochs (${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "batch size (${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.05", description = "learning rate (${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "L2 on weights (${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--held-out", defaultValue = "0.2",
            description = "fraction of the dataset (its last images) kept for evaluation (${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--seed", defaultValue = "0", description = "shuffling seed (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--model-seed", defaultValue = "0", description = "initialisation seed (${DEFAULT-VALUE})")
    long modelSeed;

    @Option(names = "--weights", defaultValue = "untrained",
            description = "start weights: untrained, bundled, trained:K or a .npz (${DEFAULT-VALUE})")
    String weights;

    @Option(names = "--classes", description = "output classes (default: the dataset's)")
    Integer classes;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (${DEFAULT-VALUE})")
    String device;

    @Option(names = "--out", paramLabel = "DIR",
            description = "checkpoint folder (default: ~/.gia-workbench/checkpoints/<model>-<activation>-<data>)")
    Path out;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        TrainingSpec spec = new TrainingSpec(
                new ModelSpec(arch, activation, weights, modelSeed, "train", classes),
                new DataSpec(source, path, resolution, 1, 0, 0, null, normalization),
                epochs, batch, lr, optimizer, momentum, weightDecay, heldOut, seed, out == null ? null : out.toString(), device);
        spec.validate();
        if (out != null) {
            // The default folder is the trainer's to choose; it reports an unwritable one before the first epoch.
            OutputFolder.requireWritable(out, "--out");
        }
        AtomicReference<TrainingEvent> terminal = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        PrintStream err = System.err;
        boolean interactive = System.console() != null;
        try (ComputeService compute = new ComputeService()) {
            TrainingHandle handle = compute.submitTraining(spec, event -> {
                if (!quiet) {
                    progress(err, event, interactive);
                }
                if (event.isTerminal()) {
                    terminal.set(event);
                    done.countDown();
                }
            });
            Thread hook = new Thread(() -> {
                handle.cancel();
                try {
                    done.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "gia-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            done.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for the terminal event, which has come
            }
            return finish(terminal.get());
        }
    }

    private static void progress(PrintStream err, TrainingEvent event, boolean interactive) {
        if (event instanceof TrainingEvent.Started s) {
            err.printf(Locale.ROOT, "training %s (%s) on %s: %d images, %d held out, %d batches per epoch, %,d parameters%n",
                    s.spec().model().arch(), s.spec().model().activation(), s.dataset(), s.trainImages(), s.heldOutImages(),
                    s.batchesPerEpoch(), s.parameterCount());
            err.println("checkpoints in " + s.folder());
        } else if (event instanceof TrainingEvent.Progress p) {
            String line = String.format(Locale.ROOT, "epoch %d batch %d/%d loss %.4f accuracy %.3f %.0f img/s",
                    p.epoch(), p.batch(), p.batchesPerEpoch(), p.loss(), p.accuracy(), p.imagesPerSecond());
            if (interactive) {
                err.print("\r" + line + "   ");
                err.flush();
            } else if (p.batch() == p.batchesPerEpoch() || p.batch() % Math.max(1, p.batchesPerEpoch() / 4) == 0) {
                err.println(line);
            }
        } else if (event instanceof TrainingEvent.EpochDone e) {
            EpochStats s = e.stats();
            err.printf(Locale.ROOT, "%sepoch %d done: train loss %.4f acc %.3f, held-out loss %.4f acc %.3f (%.1f s)%n",
                    interactive ? "\r" : "", s.epoch(), s.trainLoss(), s.trainAccuracy(), s.heldOutLoss(),
                    s.heldOutAccuracy(), s.seconds());
        }
    }

    private int finish(TrainingEvent event) {
        TrainingResult result;
        if (event instanceof TrainingEvent.Finished f) {
            result = f.result();
        } else if (event instanceof TrainingEvent.Cancelled c) {
            result = c.result();
        } else if (event instanceof TrainingEvent.Failed f) {
            result = f.partial();
        } else {
            throw new IllegalStateException("not terminal: " + event);
        }
        if (result != null) {
            System.out.print(table(result));
        }
        if (event instanceof TrainingEvent.Failed f) {
            throw new GiaException(f.kind(), f.message(), f.hint());
        }
        return event instanceof TrainingEvent.Cancelled ? GiaCli.CANCELLED : GiaCli.OK;
    }

    /** The per-epoch table printed at the end. */
    static String table(TrainingResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-6s %11s %10s %13s %12s %8s  %s%n", "epoch", "train loss", "train acc",
                "held-out loss", "held-out acc", "seconds", "weights"));
        if (r.start() != null) {
            b.append(String.format(Locale.ROOT, "%-6d %11s %10s %13.4f %12.3f %8s  %s%n", 0, "-", "-",
                    r.start().heldOutLoss(), r.start().heldOutAccuracy(), "-", r.spec().model().weights()));
        }
        for (EpochStats e : r.epochs()) {
            b.append(String.format(Locale.ROOT, "%-6d %11.4f %10.3f %13.4f %12.3f %8.1f  trained:%d%n", e.epoch(),
                    e.trainLoss(), e.trainAccuracy(), e.heldOutLoss(), e.heldOutAccuracy(), e.seconds(), e.epoch()));
        }
        b.append(String.format(Locale.ROOT, "%s: %s; checkpoints in %s%n", r.status().name().toLowerCase(Locale.ROOT),
                r.message(), r.folder()));
        return b.toString();
    }
}
