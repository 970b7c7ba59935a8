package org.giaworkbench.attack.ana;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.testing.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fishing on the bundled trained ResNet-20 (the preset fishing-b32): the fished target's PSNR at batch
 * 32 (feature fishing: 3 or 4 images of the target class) must not fall more than 3 dB below batch 8
 * (class fishing: the target class occurs once), mean over data seeds 0..3, 300 Inverting Gradients
 * iterations. Several minutes of CPU: run with {@code -Dgia.slowTests=true}.
 *
 * <p>Known to fail (2026-11-26, 88 s on 2 cores): at batch 32, data seed 1, feature fishing (class 6,
 * feature 62 cut at its 1/3 quantile) makes Inverting Gradients' loss NaN at iteration 1. Kept opt-in
 * until that is understood; issue 6 stays open for it.
 */
@EnabledIfSystemProperty(named = "gia.slowTests", matches = "true")
class FishingRecoveryTest {

    static double meanTargetPsnr(ComputeService compute, int batch) throws Exception {
        double sum = 0;
        for (int seed = 0; seed < 4; seed++) {
            ObjectNode tree = SpecJson.presetTree("fishing-b32");
            SpecJson.applyOverride(tree, "data.batch=" + batch);
            SpecJson.applyOverride(tree, "data.seed=" + seed);
            SpecJson.applyOverride(tree, "attack.iterations=300");
            RecordingSink sink = new RecordingSink();
            RunResult r = compute.submit(SpecJson.bind(tree), sink).outcome().get();
            assertInstanceOf(RunEvent.Finished.class, sink.last(), () -> "run ended with " + sink.last());
            sum += r.extras().targetPsnr();
        }
        return sum / 4;
    }

    @Test
    void targetPsnrDoesNotFallWithTheBatchSize() throws Exception {
        try (ComputeService compute = new ComputeService()) {
            double at8 = meanTargetPsnr(compute, 8);
            double at32 = meanTargetPsnr(compute, 32);
            assertTrue(at32 >= at8 - 3, "target PSNR batch 8: " + at8 + " dB, batch 32: " + at32 + " dB");
        }
    }
}
