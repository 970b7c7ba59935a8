package org.giaworkbench.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.run.RunEvent;
import org.junit.jupiter.api.Test;

/** The bridge without a toolkit: the "FX thread" is a queue the test drains by hand. */
class FxRunEventSinkTest {

    private final Deque<Runnable> uiQueue = new ArrayDeque<>();
    private final List<RunEvent> shown = new ArrayList<>();
    private final FxRunEventSink sink = new FxRunEventSink(shown::add, uiQueue::add);

    private static RunEvent.Progress progress(int it) {
        return new RunEvent.Progress(1, it, 100, 1.0 / it, 1.0 / it, 10, it / 10.0, 5);
    }

    private static RunEvent.Snapshot snapshot(int it) {
        ImageBatch b = new ImageBatch(new float[3 * 2 * 2], 1, 3, 2, 2);
        return new RunEvent.Snapshot(1, it, b, new ImageScores(new int[] {0}, new double[] {it}, new double[] {0.5}, it, 0.5,
                "psnr", "ssim", "none"));
    }

    private void drain() {
        while (!uiQueue.isEmpty()) {
            uiQueue.poll().run();
        }
    }

    @Test
    void aBurstOfProgressBecomesOneUpdateWithTheNewestValues() {
        sink.accept(new RunEvent.Started(1, null, null, null, new int[0], 100));
        for (int i = 1; i <= 1000; i++) {
            sink.accept(progress(i));
            if (i % 100 == 0) {
                sink.accept(snapshot(i));
            }
        }
        assertEquals(1, uiQueue.size(), "at most one drain task is queued");
        drain();
        assertEquals(3, shown.size(), "Started, newest progress, newest snapshot: " + shown);
        assertInstanceOf(RunEvent.Started.class, shown.get(0));
        assertEquals(1000, ((RunEvent.Progress) shown.get(1)).iteration());
        assertEquals(1000, ((RunEvent.Snapshot) shown.get(2)).iteration());
        assertEquals(1011, sink.received());
    }

    @Test
    void lifecycleEventsAreNeverDroppedAndKeepTheirOrder() {
        sink.accept(new RunEvent.Started(1, null, null, null, new int[0], 100));
        sink.accept(progress(1));
        sink.accept(snapshot(1));
        sink.accept(new RunEvent.Cancelled(1, null));
        sink.accept(new RunEvent.Started(2, null, null, null, new int[0], 100));
        sink.accept(progress(2));
        drain();
        assertEquals(List.of(RunEvent.Started.class, RunEvent.Progress.class, RunEvent.Snapshot.class,
                        RunEvent.Cancelled.class, RunEvent.Started.class, RunEvent.Progress.class),
                shown.stream().map(Object::getClass).toList());
    }

    @Test
    void progressBeforeATerminalEventIsNotReplacedByLaterOnes() {
        sink.accept(progress(5));
        sink.accept(new RunEvent.Finished(1, null));
        sink.accept(progress(6));
        drain();
        assertEquals(3, shown.size());
        assertTrue(shown.get(1).isTerminal());
    }

    @Test
    void aNewDrainIsQueuedOnlyAfterThePreviousRan() {
        sink.accept(progress(1));
        sink.accept(progress(2));
        assertEquals(1, uiQueue.size());
        drain();
        sink.accept(progress(3));
        assertEquals(1, uiQueue.size());
        drain();
        assertEquals(List.of(2, 3), shown.stream().map(e -> ((RunEvent.Progress) e).iteration()).toList());
    }
}
