package org.giaworkbench.attack.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Practical FedAvg (the seed's Table III) through the full pipeline, preset {@code fedavg-quick}: the
 * client trains E=1 epoch over 2 images in mini-batches of 1 at eta=0.5 (2 SGD steps, one per image) on
 * LeNet-Sigmoid (100 classes, untrained; the preset keeps model.init=workbench, the draw its numbers come
 * from: on PyTorch's draw of the same U(-0.5, 0.5) scheme neither variant recovers, 6.7 vs 6.6 dB) and sends its update; Inverting Gradients (cosine + TV, 1000
 * Adam steps, known labels) attacks it with the local training unrolled (strong simulation) or with the
 * update read as one FedSGD gradient (no simulation).
 *
 * <p>Why this configuration: at batch 1 (any E, whole-batch steps, eta up to 100) the update stays
 * parallel to the gradient and no simulation reconstructs as well as strong simulation (iDLG, 100
 * L-BFGS steps: 43.7 vs 42.8 dB at E=3, eta=1; 43.7 vs 43.5 dB at eta=100), so the comparison needs
 * mini-batches smaller than the batch; at batch 2 iDLG's L-BFGS fails even on FedSGD (5.8 dB after 300
 * steps), while Inverting Gradients separates the two within 1000 steps.
 */
class FedAvgSimulationTest {

    @BeforeAll
    static void start() {
        OptimizationAttacksRecoveryTest.start();
    }

    @AfterAll
    static void stop() {
        OptimizationAttacksRecoveryTest.stop();
    }

    @Test
    void strongSimulationReconstructsClearlyBetterThanNoSimulation() throws Exception {
        RunResult strong = OptimizationAttacksRecoveryTest.run("fedavg-quick", "fl.simulation=strong");
        RunResult none = OptimizationAttacksRecoveryTest.run("fedavg-quick", "fl.simulation=none");
        System.out.printf("FedAvg E=1 B=1 eta=0.5: strong %.2f dB (SSIM %.3f), none %.2f dB (SSIM %.3f)%n",
                strong.scores().psnrMean(), strong.scores().ssimMean(), none.scores().psnrMean(), none.scores().ssimMean());
        assertEquals(RunStatus.FINISHED, strong.status());
        assertTrue(strong.scores().psnrMean() >= none.scores().psnrMean() + MARGIN_DB,
                "strong " + strong.scores().psnrMean() + " dB vs none " + none.scores().psnrMean() + " dB");
    }

    /**
     * Measured on the shared 2-core machine (fixed seeds; strong varies run to run by about 1 dB): strong
     * 9.74 dB (SSIM 0.049, under surefire), 10.08 / 10.61 / 10.79 dB (CLI, 1 thread) vs none 5.27-5.30 dB
     * (SSIM 0.010), a gap of 4.4-5.5 dB; the bar keeps 2.4 dB of slack below the
     * smallest gap for numeric drift across machines and builds.
     */
    static final double MARGIN_DB = 2.0;
}
