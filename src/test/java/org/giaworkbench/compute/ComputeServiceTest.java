package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.giaworkbench.attack.op.OptimizationAttacks;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.plugin.Family;
import org.giaworkbench.plugin.ParamSchema;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.plugin.PluginRegistry;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackPlugin;
import org.giaworkbench.testing.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComputeServiceTest {

    /** Reports a fixed guess with a falling loss, then NaN at iteration {@code nan-at}. */
    static final class DivergingPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("diverging", "Diverging (test)", Family.OP, "", "test",
                    ParamSchema.of(ParamSpec.integer("nan-at", 5, 1, 100, "")), Set.of());
        }

        @Override
        public boolean assumesKnownLabels() {
            return true;
        }

        @Override
        public Attack create(ParamValues params) {
            return (view, context) -> {
                context.expectIterations(100);
                float[] images = new float[view.imageValues()];
                for (int it = 1; it <= 100; it++) {
                    java.util.Arrays.fill(images, it * 0.01f);
                    context.report(it, it >= params.getInt("nan-at") ? Double.NaN : 10.0 / it, images);
                }
            };
        }
    }

    private static ComputeService compute;

    @BeforeAll
    static void start() {
        compute = new ComputeService(PluginRegistry.of(new OptimizationAttacks.DlgPlugin(),
                new OptimizationAttacks.InvertingGradientsPlugin(), new DivergingPlugin()));
    }

    @AfterAll
    static void stop() {
        compute.close();
    }

    private static ExperimentSpec spec(String json) {
        return SpecJson.read(json);
    }

    @Test
    void eventsArriveInOrderOnTheComputeThreadWithTheDevice() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink(e -> {
            threads.add(Thread.currentThread().getName());
            return false;
        }, () -> { });
        RunResult r = compute.submit(spec("{\"attack\": {\"id\": \"dlg\", \"params\": {\"iterations\": 3}}, "
                + "\"data\": {\"normalization\": \"none\"}}"), sink).outcome().get(60, TimeUnit.SECONDS);
        List<RunEvent> events = sink.events();
        RunEvent.Started started = assertInstanceOf(RunEvent.Started.class, events.get(0));
        assertTrue(started.info().device().startsWith("CPU") || started.info().device().startsWith("CUDA"), started.info().device());
        assertEquals("2.5.1", started.info().engineVersion());
        assertInstanceOf(RunEvent.Finished.class, events.get(events.size() - 1));
        assertEquals(1, events.stream().filter(RunEvent::isTerminal).count());
        assertEquals(Set.of(ComputeService.THREAD_NAME), Set.copyOf(threads));
        assertEquals(3, r.iterations());
        assertEquals(r.scores().psnr().length, 1);
    }

    @Test
    void cancelStopsWithinAnIterationAndKeepsTheBestSoFar() throws Exception {
        RunHandle[] handle = new RunHandle[1];
        RecordingSink sink = new RecordingSink(e -> e instanceof RunEvent.Progress p && p.iteration() >= 20,
                () -> handle[0].cancel());
        handle[0] = compute.submit(spec("{\"model\": {\"arch\": \"resnet20\"}, \"attack\": {\"id\": \"inverting-gradients\","
                + " \"params\": {\"iterations\": 5000}}}"), sink);
        RunResult r = handle[0].outcome().get(120, TimeUnit.SECONDS);
        RunEvent.Cancelled cancelled = assertInstanceOf(RunEvent.Cancelled.class, sink.last());
        assertEquals(RunStatus.CANCELLED, r.status());
        int cancelledAt = sink.of(RunEvent.Progress.class).stream().filter(p -> p.iteration() >= 20).findFirst()
                .orElseThrow().iteration();
        assertTrue(r.iterations() <= cancelledAt + 1, "stopped at " + r.iterations() + ", cancel came at " + cancelledAt);
        assertNotNull(cancelled.bestSoFar().reconstruction());
        assertTrue(Double.isFinite(cancelled.bestSoFar().bestLoss()));
        assertTrue(Double.isFinite(cancelled.bestSoFar().scores().psnrMean()));
    }

    @Test
    void aNonFiniteLossEndsAsDivergedWithTheBestGuessKept() throws Exception {
        RecordingSink sink = new RecordingSink();
        RunResult r = compute.submit(spec("{\"attack\": {\"id\": \"diverging\", \"params\": {\"nan-at\": 7}},"
                + " \"data\": {\"normalization\": \"none\"}}"), sink).outcome().get(60, TimeUnit.SECONDS);
        RunEvent.Failed failed = assertInstanceOf(RunEvent.Failed.class, sink.last());
        assertEquals(GiaException.Kind.DIVERGED, failed.kind());
        assertTrue(failed.message().contains("iteration 7"), failed.message());
        assertEquals(RunStatus.DIVERGED, r.status());
        // The lowest finite loss was at iteration 6, where every pixel was 0.06.
        assertEquals(10.0 / 6, r.bestLoss(), 1e-12);
        assertEquals(0.06f, r.reconstruction().pixels()[0], 1e-6);
    }

    @Test
    void badInputFailsBeforeAnyWorkWithAHint() throws Exception {
        RecordingSink sink = new RecordingSink();
        RunResult r = compute.submit(spec("{\"attack\": {\"id\": \"dlg\"}, \"data\": {\"batch\": 5000}}"), sink)
                .outcome().get(60, TimeUnit.SECONDS);
        assertNull(r);
        RunEvent.Failed failed = assertInstanceOf(RunEvent.Failed.class, sink.last());
        assertEquals(GiaException.Kind.BAD_INPUT, failed.kind());
        assertTrue(failed.message().contains("5000"), failed.message());
        assertEquals(1, sink.events().size(), "no Started for a run that never began");

        RecordingSink lr = new RecordingSink();
        compute.submit(spec("{\"attack\": {\"id\": \"inverting-gradients\", \"params\": {\"lr\": -0.1}}}"), lr)
                .outcome().get(60, TimeUnit.SECONDS);
        RunEvent.Failed lrFailed = assertInstanceOf(RunEvent.Failed.class, lr.last());
        assertTrue(lrFailed.message().contains("lr") && !lrFailed.hint().isEmpty(), lrFailed.message());
    }

    /**
     * An untrained ResNet-56 with the workbench's own init (not PyTorch's: that one stays tame), in eval
     * mode, saturates on this image (logits +/-5e4): the client's gradient is exactly zero. The run is refused before it starts, with the reason, instead of "diverged at
     * iteration 1".
     */
    @Test
    void aGradientThatIsExactlyZeroIsRefusedWithTheReason() throws Exception {
        RecordingSink sink = new RecordingSink();
        RunResult r = compute.submit(spec("{\"model\": {\"arch\": \"resnet56\", \"init\": \"workbench\"}, \"data\": {\"seed\": 1},"
                + " \"attack\": {\"id\": \"inverting-gradients\", \"params\": {\"iterations\": 10}}, \"run\": {\"seed\": 1}}"), sink)
                .outcome().get(120, TimeUnit.SECONDS);
        assertNull(r);
        RunEvent.Failed failed = assertInstanceOf(RunEvent.Failed.class, sink.last());
        assertEquals(GiaException.Kind.BAD_INPUT, failed.kind());
        assertTrue(failed.message().contains("exactly zero"), failed.message());
        assertEquals(1, sink.events().size(), "no Started for a run that never began");
    }

    /** A sink that throws even while a failure is reported leaves the caller an outcome, not a hang. */
    @Test
    void aSinkThatThrowsStillCompletesTheOutcome() throws Exception {
        RunHandle handle = compute.submit(spec("{\"attack\": {\"id\": \"dlg\"}, \"data\": {\"batch\": 5000}}"), event -> {
            throw new IllegalStateException("sink broken");
        });
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> handle.outcome().get(60, TimeUnit.SECONDS));
        assertTrue(thrown.getCause().getMessage().contains("without an outcome"), thrown.getCause().getMessage());
    }

    @Test
    void submitReturnsWhileTheComputeThreadIsBusy() throws Exception {
        String longRun = "{\"model\": {\"arch\": \"resnet20\"}, \"attack\": {\"id\": \"inverting-gradients\","
                + " \"params\": {\"iterations\": 100000}}}";
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        RunHandle first = compute.submit(spec(longRun), new RecordingSink(e -> e instanceof RunEvent.Progress, running::countDown));
        assertTrue(running.await(60, TimeUnit.SECONDS));
        RecordingSink second = new RecordingSink();
        RunHandle queued = compute.submit(spec(longRun), second);
        // Returned although the only compute thread is busy with the first run: nothing of it has started.
        assertTrue(!first.outcome().isDone() && !queued.outcome().isDone());
        assertTrue(second.events().isEmpty());
        queued.cancel();
        first.cancel();
        assertEquals(RunStatus.CANCELLED, first.outcome().get(120, TimeUnit.SECONDS).status());
        queued.outcome().get(120, TimeUnit.SECONDS);
        RunEvent.Failed never = assertInstanceOf(RunEvent.Failed.class, second.last());
        assertEquals(GiaException.Kind.CANCELLED, never.kind());
    }
}
