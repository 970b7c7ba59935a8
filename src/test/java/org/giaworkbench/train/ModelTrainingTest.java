package org.giaworkbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.core.train.Checkpoints;
import org.giaworkbench.core.train.EpochStats;
import org.giaworkbench.core.train.TrainingEvent;
import org.giaworkbench.core.train.TrainingHandle;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.model.TrainedWeights;
import org.giaworkbench.testing.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the bundled images: 800 to train, the last 200 (20 per class) held out. For speed on a
 * 2-core CPU the images are brought to 16x16 (8x8 where only the mechanics matter); ResNet-20 with ReLU.
 */
class ModelTrainingTest {

    private static ComputeService compute;
    @TempDir
    static Path root;

    @BeforeAll
    static void start() {
        System.setProperty("gia.checkpoints", root.toString());
        compute = new ComputeService();
    }

    @AfterAll
    static void stop() {
        compute.close();
        System.clearProperty("gia.checkpoints");
    }

    private static TrainingSpec spec(int resolution, int epochs, double lr) {
        return spec(resolution, epochs, lr, 0.2);
    }

    private static TrainingSpec spec(int resolution, int epochs, double lr, double heldOut) {
        return new TrainingSpec(new ModelSpec("resnet20", "relu", "untrained", 0, "train", null),
                new DataSpec("bundled-cifar10", null, resolution, 1, 0, 0, null, "cifar10"),
                epochs, 32, lr, TrainingSpec.SGD, 0.9, 5e-4, heldOut, 0, null, "cpu");
    }

    /**
     * For the tests of the mechanics: an image folder of 2 classes x 20 noise images at 8x8, batch 8, so
     * 4 steps per epoch over 32 images and 8 held out.
     */
    private static TrainingSpec tiny(Path dir, int epochs, double lr) throws java.io.IOException {
        java.util.Random random = new java.util.Random(1);
        for (String c : List.of("a", "b")) {
            Files.createDirectories(dir.resolve(c));
            for (int i = 0; i < 20; i++) {
                var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        img.setRGB(x, y, random.nextInt(0x1000000));
                    }
                }
                javax.imageio.ImageIO.write(img, "png", dir.resolve(c).resolve(i + ".png").toFile());
            }
        }
        return new TrainingSpec(new ModelSpec("resnet20", "relu", "untrained", 0, "train", null),
                new DataSpec("image-folder", dir.toString(), 8, 1, 0, 0, null, "cifar10"),
                epochs, 8, lr, TrainingSpec.SGD, 0.9, 5e-4, 0.2, 0, null, "cpu");
    }

    private static final class Events implements Consumer<TrainingEvent> {
        final List<TrainingEvent> all = new ArrayList<>();
        final java.util.function.Predicate<TrainingEvent> trigger;
        final Runnable action;
        boolean fired;

        Events(java.util.function.Predicate<TrainingEvent> trigger, Runnable action) {
            this.trigger = trigger;
            this.action = action;
        }

        @Override
        public synchronized void accept(TrainingEvent e) {
            assertTrue(Thread.currentThread().getName().equals(ComputeService.THREAD_NAME), "events come from the compute thread");
            all.add(e);
            if (!fired && trigger.test(e)) {
                fired = true;
                action.run();
            }
        }

        synchronized TrainingEvent last() {
            return all.get(all.size() - 1);
        }
    }

    private static Events run(TrainingSpec spec, java.util.function.Predicate<TrainingEvent> trigger,
                              java.util.function.Function<TrainingHandle, Runnable> action) throws Exception {
        TrainingHandle[] handle = new TrainingHandle[1];
        Events events = new Events(trigger, () -> action.apply(handle[0]).run());
        synchronized (events) {
            handle[0] = compute.submitTraining(spec, events::accept);
        }
        handle[0].outcome().get(10, TimeUnit.MINUTES);
        return events;
    }

    @Test
    void lossFallsHeldOutAccuracyRisesAndCheckpointsLoadAsTrainedK() throws Exception {
        TrainingSpec spec = spec(16, 2, 0.05);
        Events events = run(spec, e -> false, h -> () -> { });
        TrainingResult r = assertInstanceOf(TrainingEvent.Finished.class, events.last()).result();
        assertEquals(RunStatus.FINISHED, r.status());
        assertEquals(800, r.trainImages());
        assertEquals(200, r.heldOutImages());
        assertEquals(2, r.epochs().size());
        EpochStats e1 = r.epochs().get(0);
        EpochStats e2 = r.epochs().get(1);
        // Measured (2 cores): start held-out acc 0.10, epoch-1 train loss 2.88, epoch-2 2.34 / held-out acc 0.245.
        assertTrue(e2.trainLoss() < e1.trainLoss() - 0.2, "training loss falls: " + e1.trainLoss() + " -> " + e2.trainLoss());
        // Chance is 0.10; with 200 held-out images a chance-level model exceeds 0.17 with probability < 1 %.
        assertTrue(e2.heldOutAccuracy() >= 0.17, "held-out accuracy after 2 epochs: " + e2.heldOutAccuracy());
        assertTrue(e2.heldOutAccuracy() >= r.start().heldOutAccuracy() + 0.05,
                "held-out accuracy rises: " + r.start().heldOutAccuracy() + " -> " + e2.heldOutAccuracy());
        long progress = events.all.stream().filter(TrainingEvent.Progress.class::isInstance).count();
        assertEquals(50, progress, "one progress event per step: 2 epochs x 25 batches");

        Path folder = TrainedWeights.folder(spec.model(), spec.data());
        assertEquals(root.resolve("resnet20-relu-bundled-cifar10-16px"), folder);
        assertEquals(List.of(1, 2), Checkpoints.epochs(folder));
        JsonNode history = SpecJson.mapper().readTree(folder.resolve(Checkpoints.HISTORY).toFile());
        assertEquals("finished", history.get("status").asText());
        assertEquals(3, history.get("epochs").size(), "epoch 0 (start) and two trained epochs");
        assertEquals(e2.heldOutAccuracy(), history.get("epochs").get(2).get("heldOutAccuracy").asDouble(), 1e-12);

        // trained:2 resolves to the epoch-2 checkpoint, BatchNorm statistics included: the same held-out accuracy.
        ModelSpec trained = new ModelSpec("resnet20", "relu", "trained:2", 0, "eval", null);
        double accuracy = compute.onComputeThread("cpu", (base, oracle) -> {
            try (NDManager m = base.newSubManager()) {
                GiaModel model = ModelFactory.build(TrainedWeights.resolve(trained, spec.data()), 10, 3, 16, m);
                TrainingData data = new TrainingData(BundledDataset.cifar10(16), Normalization.CIFAR10, 0.2);
                int correct = 0;
                for (int[] batch : data.heldOutBatches(100)) {
                    TrainingData.Batch b = data.load(batch);
                    try (NDManager s = m.newSubManager()) {
                        correct += ModelTrainer.correct(model.forward(s.create(b.inputs(),
                                new ai.djl.ndarray.types.Shape(b.size(), 3, 16, 16)), false).toFloatArray(), b.labels(), 10);
                    }
                }
                return correct / 200.0;
            }
        });
        assertEquals(e2.heldOutAccuracy(), accuracy, 1e-9, "the checkpoint reproduces the recorded accuracy");

        // An attack run accepts model.weights=trained:2 and refuses a checkpoint that does not exist, naming the command.
        ExperimentSpec attack = SpecJson.bind(withWeights("trained:2"));
        RecordingSink ok = new RecordingSink();
        compute.submit(attack, ok).outcome().get(5, TimeUnit.MINUTES);
        assertInstanceOf(RunEvent.Finished.class, ok.events().get(ok.events().size() - 1));
        RecordingSink missing = new RecordingSink();
        compute.submit(SpecJson.bind(withWeights("trained:7")), missing).outcome().get(1, TimeUnit.MINUTES);
        RunEvent.Failed failed = assertInstanceOf(RunEvent.Failed.class, missing.events().get(missing.events().size() - 1));
        assertEquals(GiaException.Kind.BAD_INPUT, failed.kind());
        assertTrue(failed.message().contains("no checkpoint after 7 epochs") && failed.message().contains("trained:1"),
                failed.message());
        assertTrue(failed.hint().contains("./gia train --model resnet20 --activation relu --data bundled-cifar10 --resolution 16 --epochs 7"),
                failed.hint());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode withWeights(String weights) {
        var tree = SpecJson.presetTree("quickstart-ig");
        for (String o : List.of("model.arch=resnet20", "model.activation=relu", "model.weights=" + weights,
                "data.resolution=16", "attack.iterations=2", "attack.restarts=1")) {
            SpecJson.applyOverride(tree, o);
        }
        return tree;
    }

    @Test
    void cancelKeepsTheLastCompletedCheckpoint(@TempDir Path out, @TempDir Path images) throws Exception {
        TrainingSpec spec = tiny(images, 5, 0.05).withOutDir(out.toString());
        Events events = run(spec, e -> e instanceof TrainingEvent.Progress p && p.epoch() == 2 && p.batch() == 2,
                h -> h::cancel);
        TrainingResult r = assertInstanceOf(TrainingEvent.Cancelled.class, events.last()).result();
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals(1, r.epochs().size(), "epoch 1 completed, epoch 2 was cancelled");
        assertEquals(List.of(1), Checkpoints.epochs(out));
        assertTrue(Files.size(Checkpoints.epochFile(out, 1)) > 1_000_000, "a full ResNet-20 checkpoint");
        long afterCancel = events.all.stream().filter(e -> e instanceof TrainingEvent.Progress p
                && (p.epoch() > 2 || p.epoch() == 2 && p.batch() > 2)).count();
        assertEquals(0, afterCancel, "stops at the next step");
        JsonNode history = SpecJson.mapper().readTree(out.resolve(Checkpoints.HISTORY).toFile());
        assertEquals("cancelled", history.get("status").asText());
    }

    @Test
    void nanLossStopsWithAClearError(@TempDir Path out, @TempDir Path images) throws Exception {
        TrainingSpec spec = tiny(images, 2, 1e9).withOutDir(out.toString());
        Events events = run(spec, e -> false, h -> () -> { });
        TrainingEvent.Failed failed = assertInstanceOf(TrainingEvent.Failed.class, events.last());
        assertEquals(GiaException.Kind.DIVERGED, failed.kind());
        assertTrue(failed.message().contains("loss became NaN or infinite in epoch 1"), failed.message());
        assertTrue(failed.message().contains("no epoch completed"), failed.message());
        assertTrue(failed.hint().contains("lower the learning rate"), failed.hint());
        assertNotNull(failed.partial());
        assertEquals(RunStatus.DIVERGED, failed.partial().status());
        assertEquals(List.of(), Checkpoints.epochs(out));
    }

    @Test
    void badInputIsRefusedBeforeAnyWork() throws Exception {
        Events noData = run(new TrainingSpec(new ModelSpec("resnet20", "relu", "untrained", 0, "train", null),
                new DataSpec("image-folder", "/no/such/folder", 32, 1, 0, 0, null, "cifar10"), 1, 32, 0.05, "sgd", 0.9,
                0, 0.2, 0, null, "cpu"), e -> false, h -> () -> { });
        TrainingEvent.Failed f = assertInstanceOf(TrainingEvent.Failed.class, noData.last());
        assertEquals(GiaException.Kind.BAD_INPUT, f.kind());
        assertEquals(1, noData.all.size(), "no Started event");
        GiaException bad = assertThrows(GiaException.class, () -> spec(32, 1, 0.05).withBatchSize(0).validate());
        assertTrue(bad.getMessage().contains("batch size"));
        assertFalse(Checkpoints.isTrained("untrained"));
        assertThrows(GiaException.class, () -> Checkpoints.parseEpoch("trained:x"));
    }
}
