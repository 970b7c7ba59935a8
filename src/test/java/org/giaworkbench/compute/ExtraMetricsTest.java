package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.metric.Ssim;
import org.junit.jupiter.api.Test;

/** The run's extra metrics on a perfect and on a poor reconstruction of two bundled images. */
class ExtraMetricsTest {

    @Test
    void perfectReconstructionScoresPerfectlyAndNoiseDoesNot() {
        EngineBootstrap.start();
        Dataset d = BundledDataset.cifar10();
        ImageBatch truth = ImageBatch.of(3, 32, 32, d.image(10), d.image(20));
        float[] noisy = truth.pixels().clone();
        java.util.Random rnd = new java.util.Random(3);
        for (int k = 0; k < noisy.length; k++) {
            noisy[k] += (float) (0.4 * rnd.nextGaussian());
        }
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu());
             ExtraMetrics metrics = ExtraMetrics.open("squeeze", truth, d, m)) {
            Map<String, ExtraScore> same = byKey(metrics.all(truth));
            assertEquals(0.0, same.get("lpips").mean(), 1e-6);
            assertEquals(1.0, same.get("jaccard").mean(), 0);
            float[] prior = ExtraMetrics.priorImage(d, truth);
            double s0 = Ssim.image(d.image(10), prior, 3, 32, 32);
            assertEquals(1.0 / s0 - 1.0, same.get("rdlv").at(0), 1e-9);
            assertEquals("LPIPS-squeeze (approximate)", same.get("lpips").label());

            Map<String, ExtraScore> bad = byKey(metrics.all(new ImageBatch(noisy, 2, 3, 32, 32)));
            assertTrue(bad.get("lpips").mean() > 0.2, "LPIPS of heavy noise " + bad.get("lpips").mean());
            assertTrue(bad.get("rdlv").mean() < same.get("rdlv").mean());
            assertTrue(bad.get("jaccard").mean() < 1.0, "Jaccard of heavy noise " + bad.get("jaccard").mean());
            // Cost, printed for the record (no timed assertion): snapshot metrics vs everything.
            metrics.snapshot(truth);
            long t0 = System.nanoTime();
            for (int r = 0; r < 5; r++) {
                metrics.snapshot(truth);
            }
            long t1 = System.nanoTime();
            metrics.all(truth);
            long t2 = System.nanoTime();
            System.out.printf("extra metrics, batch 2 at 32x32: snapshot %.1f ms, all %.1f ms%n", (t1 - t0) / 5e6, (t2 - t1) / 1e6);
            // Snapshots leave out the classifier pass.
            assertEquals(List.of("lpips", "rdlv"), metrics.snapshot(truth).stream().map(ExtraScore::key).toList());
        }
    }

    private static Map<String, ExtraScore> byKey(List<ExtraScore> scores) {
        return scores.stream().collect(Collectors.toMap(ExtraScore::key, s -> s));
    }
}
