package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.testing.RecordingSink;
import org.junit.jupiter.api.Test;

/**
 * A long attack keeps native memory flat: the seed's 24,000 Inverting Gradients iterations on the DLG
 * LeNet (set -Dgia.soak.iterations=N to change). After warm-up (a tenth of the run) the run's live
 * native array count must not change at all, and the process RSS less the Java heap and Java's direct
 * buffers must not trend upwards: the median of the last quarter of the samples may exceed that of the
 * first quarter by at most 20 MB, which a leak of 2 KB per iteration would break (DJL's own double
 * backward leaks about 1 MB per iteration). Single samples may jump by ~100 MB when the allocator
 * holds on to freed pages for a while; the medians ignore such transients, a leak does not go away.
 */
class MemorySoakTest {

    private static final int ITERATIONS = Integer.getInteger("gia.soak.iterations", 24_000);
    private static final int WARM_UP = ITERATIONS / 10;
    private static final long TOLERANCE_BYTES = 20L << 20;

    record Sample(int iteration, int liveArrays, long nativeBytes) {
    }

    @Test
    void aLongAttackRunsWithFlatNativeMemory() throws Exception {
        List<Sample> samples = new ArrayList<>();
        RecordingSink sink = new RecordingSink(e -> {
            if (e instanceof RunEvent.Progress p) {
                samples.add(new Sample(p.iteration(), p.liveArrays(), nativeBytes()));
            }
            return false;
        }, () -> { });
        String spec = "{\"model\": {\"arch\": \"lenet-dlg\"}, \"data\": {\"normalization\": \"none\"},"
                + " \"attack\": {\"id\": \"inverting-gradients\", \"params\": {\"iterations\": " + ITERATIONS + "}},"
                + " \"run\": {\"snapshotEvery\": 1000}}";
        RunResult result;
        try (ComputeService compute = new ComputeService()) {
            result = compute.submit(SpecJson.read(spec), sink).outcome().get(30, TimeUnit.MINUTES);
        }
        assertInstanceOf(RunEvent.Finished.class, sink.last());
        assertEquals(ITERATIONS, result.iterations());
        List<Sample> after = samples.stream().filter(s -> s.iteration() >= WARM_UP).toList();
        assertTrue(after.size() >= 10, "too few progress samples: " + after.size());
        int minArrays = after.stream().mapToInt(Sample::liveArrays).min().orElseThrow();
        int maxArrays = after.stream().mapToInt(Sample::liveArrays).max().orElseThrow();
        assertEquals(minArrays, maxArrays, "live native arrays changed after warm-up");
        long first = after.get(0).nativeBytes();
        long peak = after.stream().mapToLong(Sample::nativeBytes).max().orElseThrow();
        System.out.printf("soak: %d iterations, %d live arrays, RSS-heap %d MB at iteration %d, peak %d MB, last %d MB%n",
                ITERATIONS, maxArrays, first >> 20, after.get(0).iteration(), peak >> 20, after.get(after.size() - 1).nativeBytes() >> 20);
        for (int i = 0; i < after.size(); i += Math.max(1, after.size() / 12)) {
            System.out.printf("  iteration %6d  live arrays %d  native %d MB%n", after.get(i).iteration(), after.get(i).liveArrays(),
                    after.get(i).nativeBytes() >> 20);
        }
        long early = median(after.subList(0, after.size() / 4));
        long late = median(after.subList(after.size() - after.size() / 4, after.size()));
        assertTrue(late - early < TOLERANCE_BYTES, "native memory trend: first-quarter median " + (early >> 20)
                + " MB, last-quarter median " + (late >> 20) + " MB");
    }

    private static long median(List<Sample> samples) {
        long[] v = samples.stream().mapToLong(Sample::nativeBytes).sorted().toArray();
        return v[v.length / 2];
    }

    /**
     * Resident set size minus the committed Java heap and minus Java's direct buffers (DJL copies host
     * arrays through them; the garbage collector frees them, so they rise and fall with GC timing).
     */
    private static long nativeBytes() {
        long direct = java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
                .stream().filter(b -> b.getName().equals("direct")).mapToLong(java.lang.management.BufferPoolMXBean::getMemoryUsed).sum();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return kb * 1024 - Runtime.getRuntime().totalMemory() - direct;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
