package org.giaworkbench.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.giaworkbench.compute.ModelInspector;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.train.Checkpoints;
import org.giaworkbench.core.train.EpochStats;
import org.giaworkbench.core.train.TrainingEvent;
import org.giaworkbench.core.train.TrainingEventSink;
import org.giaworkbench.core.train.TrainingHandle;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training dialog's view model without a toolkit: a fake trainer, events delivered by hand. */
class TrainingModelTest {

    @TempDir
    Path root;

    @AfterEach
    void clear() {
        System.clearProperty("gia.checkpoints");
    }

    @Test
    void progressChartsAndTheNewCheckpointsReachTheModelPane() throws Exception {
        System.setProperty("gia.checkpoints", root.toString());
        ModelSpec modelSpec = new ModelSpec("resnet20", "default", "untrained", 0, "eval", null);
        DataSpec data = DataSpec.defaults();
        List<Runnable> queue = new ArrayList<>();
        TrainingSpec[] submitted = new TrainingSpec[1];
        TrainingEventSink[] sink = new TrainingEventSink[1];
        CancellationToken token = new CancellationToken();
        TrainingModel model = new TrainingModel(() -> modelSpec, () -> data, (spec, s) -> {
            submitted[0] = spec;
            sink[0] = s;
            return new TrainingHandle(1, token, new CompletableFuture<>());
        }, ModelInspector::trainedEpochs, ModelInspector::checkpointFolder, queue::add);
        model.epochsProperty().set(2);
        model.learningRateProperty().set("0.1");
        model.start();
        assertTrue(model.runningProperty().get());
        assertEquals(2, submitted[0].epochs());
        assertEquals(0.1, submitted[0].learningRate());
        assertEquals("untrained", submitted[0].model().weights(), "training starts from the seeded initialisation");

        Path folder = root.resolve("resnet20-relu-bundled-cifar10");
        EpochStats start = new EpochStats(0, Double.NaN, Double.NaN, 2.3, 0.1, 0, null);
        sink[0].accept(new TrainingEvent.Started(1, submitted[0], "bundled", folder.toString(), 800, 200, 25, 269_722, start));
        for (int b = 1; b <= 5; b++) {
            sink[0].accept(new TrainingEvent.Progress(1, 1, b, 25, 2.5 - b * 0.01, 0.1, 50, b));
        }
        Files.createDirectories(folder);
        Files.write(Checkpoints.epochFile(folder, 1), new byte[] {1});
        sink[0].accept(new TrainingEvent.EpochDone(1, new EpochStats(1, 2.4, 0.15, 2.2, 0.2, 10, folder + "/epoch-1.npz")));
        assertEquals(3, queue.size(), "the five progress events were coalesced into one FX task, the rest kept in order");
        queue.forEach(Runnable::run);
        assertEquals(1, model.lossSeries().getData().size());
        assertEquals(2.45, model.lossSeries().getData().get(0).getYValue().doubleValue(), 1e-9, "the newest progress");
        assertEquals(2, model.heldOutAccuracySeries().getData().size(), "epoch 0 and epoch 1");
        assertEquals(List.of(1), model.available());

        model.cancel();
        assertTrue(token.isCancelled());
        TrainingResult partial = new TrainingResult(submitted[0], RunStatus.CANCELLED, "cancelled", folder.toString(), start,
                List.of(), 800, 200, 269_722, 12);
        queue.clear();
        sink[0].accept(new TrainingEvent.Cancelled(1, partial));
        queue.forEach(Runnable::run);
        assertFalse(model.runningProperty().get());

        model.learningRateProperty().set("fast");
        model.start();
        assertTrue(model.errorProperty().get().contains("'fast'"), model.errorProperty().get());
        assertFalse(model.runningProperty().get());
    }

    @Test
    void theModelPaneWritesAndReadsTrainedK() {
        ModelChoiceModel choice = new ModelChoiceModel(org.giaworkbench.compute.Catalog.models(), null, Runnable::run, Runnable::run);
        choice.apply(new ModelSpec("resnet20", "relu", "trained:3", 0, "eval", null));
        assertEquals(ModelChoiceModel.Weights.TRAINED, choice.weightsProperty().get());
        assertEquals("trained:3", choice.toSpec().weights());
        choice.trainedEpochProperty().set(null);
        assertFalse(choice.errorProperty().get().isEmpty(), "no checkpoint chosen");
        assertTrue(GiaException.class.isAssignableFrom(GiaException.class));
    }
}
