package org.giaworkbench.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.giaworkbench.compute.Catalog;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.ui.attack.AttackModel;
import org.giaworkbench.ui.dataset.DatasetModel;
import org.giaworkbench.ui.fx.FxRunEventSink;
import org.giaworkbench.ui.model.ModelChoiceModel;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.run.RunState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's view models without a toolkit: real runs on the compute service, events through the
 * same coalescing bridge as the window, with the test thread playing the FX thread.
 */
class WorkbenchModelTest {

    private static ComputeService compute;
    private final BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private WorkbenchModel model;

    @BeforeAll
    static void startCompute() {
        compute = new ComputeService();
    }

    @AfterAll
    static void stopCompute() {
        compute.close();
    }

    @BeforeEach
    void build() {
        // Previews and counts run inline: the test thread is both the background and the UI thread.
        DatasetModel dataset = new DatasetModel(Runnable::run, Runnable::run);
        ModelChoiceModel network = new ModelChoiceModel(Catalog.models(), (spec, classes, channels, res) -> 42L,
                Runnable::run, Runnable::run);
        AttackModel attack = new AttackModel(Catalog.attacks());
        model = new WorkbenchModel(dataset, network, attack, compute::submit,
                target -> new FxRunEventSink(target, fxQueue::add));
        model.apply(Presets.load("quickstart-dlg"));
    }

    /** Runs queued "FX" work until {@code done} holds. */
    private void pumpUntil(BooleanSupplier done, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Runnable r = fxQueue.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    @Test
    void aShortDlgRunFillsTheGalleryAndChartsAndReenablesRun() throws Exception {
        assertTrue(model.canRunProperty().get());
        assertEquals(42L, model.model().parameterCountProperty().get());
        model.attack().set("iterations", "20");
        RunRecord record = model.run();
        assertNotNull(record);
        assertFalse(model.canRunProperty().get(), "Run is disabled while running");
        pumpUntil(() -> record.stateProperty().get().isTerminal(), 120);

        assertEquals(RunState.FINISHED, record.stateProperty().get(), record.outcomeProperty().get());
        assertEquals(1, record.pairs().size());
        assertTrue(Double.isFinite(record.pairs().get(0).psnr()));
        assertTrue(Double.isFinite(record.pairs().get(0).ssim()));
        assertFalse(record.lossSeries().data().isEmpty());
        assertFalse(record.psnrSeries().data().isEmpty());
        assertEquals(20, record.iterationProperty().get());
        assertTrue(model.canRunProperty().get(), "Run is enabled again");
        assertNull(model.activeProperty().get());
        assertTrue(model.exportableProperty().get());
        assertTrue(model.deviceProperty().get().startsWith("CPU") || model.deviceProperty().get().startsWith("CUDA"));
        assertEquals(1, model.history().size());
    }

    @Test
    void cancellingKeepsTheBestSoFar() throws Exception {
        model.attack().set("iterations", "100000");
        RunRecord record = model.run();
        pumpUntil(() -> record.iterationProperty().get() >= 3, 120);
        model.cancel();
        pumpUntil(() -> record.stateProperty().get().isTerminal(), 60);
        assertEquals(RunState.CANCELLED, record.stateProperty().get());
        assertNotNull(record.resultProperty().get());
        assertEquals(1, record.pairs().size());
        assertTrue(record.outcomeProperty().get().contains("best"), record.outcomeProperty().get());
        assertTrue(model.canRunProperty().get());
    }

    @Test
    void anInvalidParameterIsReportedAndDisablesRun() {
        model.attack().set("iterations", "-3");
        assertTrue(model.attack().problem("iterations").contains("out of range"), model.attack().problem("iterations"));
        assertFalse(model.canRunProperty().get());
        model.attack().set("iterations", "12x");
        assertTrue(model.attack().problem("iterations").contains("whole number"));
        model.attack().set("iterations", "12");
        assertNull(model.attack().problem("iterations"));
        assertTrue(model.canRunProperty().get());
        assertEquals(12, model.spec().attack().params().get("iterations"));
    }

    @Test
    void aFolderThatIsNotADatasetShowsWhyAndDisablesRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not images");
        model.dataset().sourceProperty().set("image-folder");
        model.dataset().pathProperty().set(dir.toString());
        String error = model.dataset().errorProperty().get();
        assertFalse(error.isEmpty());
        assertTrue(error.contains(dir.getFileName().toString()) || error.toLowerCase().contains("folder"), error);
        assertTrue(model.dataset().thumbnails().isEmpty());
        assertFalse(model.canRunProperty().get());
        model.dataset().sourceProperty().set("bundled-cifar10");
        assertTrue(model.dataset().errorProperty().get().isEmpty());
        assertEquals(1, model.dataset().thumbnails().size());
        assertTrue(model.canRunProperty().get());
    }

    @Test
    void theCliLineReproducesTheSettings() {
        model.dataset().batchProperty().set(2);
        String line = model.cliCommand();
        assertTrue(line.startsWith("./gia run --preset quickstart-dlg"), line);
        assertTrue(line.contains("--set data.batch=2"), line);
    }

    /** The subset control draws the batch from the 64-image label-distinct subset, and the spec says so. */
    @Test
    void theEvaluationSubsetNarrowsThePreviewToDistinctLabels() {
        model.dataset().batchProperty().set(10);
        model.dataset().subsetProperty().set(64);
        assertTrue(model.dataset().errorProperty().get().isEmpty(), model.dataset().errorProperty().get());
        assertEquals(Integer.valueOf(64), model.dataset().toSpec().subset());
        var labels = model.dataset().thumbnails().stream().map(DatasetModel.Thumbnail::label).distinct().count();
        assertEquals(10, model.dataset().thumbnails().size());
        // CIFAR-10 has 10 classes: a batch of 10 from the label-distinct subset holds each class once.
        assertEquals(10, labels, "labels " + model.dataset().thumbnails());
        assertTrue(model.cliCommand().contains("--set data.subset=64"), model.cliCommand());
        model.dataset().subsetProperty().set(0);
        assertEquals(null, model.dataset().toSpec().subset());
    }
}
