package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/**
 * The thread rule gives the counts measured best on a 16-core machine (see {@link ThreadPolicy}) and
 * yields to an explicit setting.
 */
class ThreadPolicyTest {

    @Test
    void smallModelsGetOneThreadAndLargeOnesMoreUpToTheCores() {
        // DLG LeNet (85 k parameters) and ResNet-20 (0.27 M) at batch 1: one thread, whatever the cores.
        assertEquals(1, ThreadPolicy.byRule(85_000, 1, 1024, 16));
        assertEquals(1, ThreadPolicy.byRule(272_474, 1, 1024, 16));
        // CIFAR ResNet-18 (11.2 M) at batch 1: 4 threads on 16 cores (4.5 s against 7.4 s with 16 and 10.7 s with 1).
        assertEquals(4, ThreadPolicy.byRule(11_173_962, 1, 1024, 16));
        // More work per operator: all cores, never more.
        assertEquals(16, ThreadPolicy.byRule(11_173_962, 64, 1024, 16));
        assertEquals(2, ThreadPolicy.byRule(11_689_512, 1, 224 * 224, 2));
        assertEquals(1, ThreadPolicy.byRule(11_173_962, 1, 1024, 1));
    }

    @Test
    void anExplicitSettingWins() {
        String before = System.getProperty("gia.threads");
        System.setProperty("gia.threads", "3");
        try {
            assertEquals(3, ThreadPolicy.choose(Device.cpu(), 85_000, 1, 1024).threads());
        } finally {
            if (before == null) {
                System.clearProperty("gia.threads");
            } else {
                System.setProperty("gia.threads", before);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(ThreadPolicy.byRule(85_000, 1, 1024, cores), ThreadPolicy.choose(Device.cpu(), 85_000, 1, 1024).threads());
    }
}
