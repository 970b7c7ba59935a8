package org.giaworkbench.attack.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Practical FedAvg (the seed's Table III) through the full pipeline: the client trains E=2 epochs over
 * 2 images in mini-batches of 1 at eta=0.5 (4 SGD steps) on LeNet-Sigmoid and sends its update; iDLG's
 * L-BFGS with known labels attacks it with the local training unrolled (strong simulation) or with the
 * update read as one gradient (no simulation).
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

    /**
     * NOT YET CALIBRATED: on the shared 2-core machine (load 20-27) this pair of runs did not finish in
     * 17 minutes, so neither the margin nor the run time has been measured; MARGIN_DB is a guess.
     */
    @Disabled("uncalibrated: strong vs none margin not yet measured (runs too slow on the shared machine)")
    @Test
    void strongSimulationReconstructsClearlyBetterThanNoSimulation() throws Exception {
        RunResult strong = OptimizationAttacksRecoveryTest.run("fedavg-quick", "fl.simulation=strong");
        RunResult none = OptimizationAttacksRecoveryTest.run("fedavg-quick", "fl.simulation=none");
        System.out.printf("FedAvg E=2 B=1 eta=0.5: strong %.2f dB (SSIM %.3f), none %.2f dB (SSIM %.3f)%n",
                strong.scores().psnrMean(), strong.scores().ssimMean(), none.scores().psnrMean(), none.scores().ssimMean());
        assertEquals(RunStatus.FINISHED, strong.status());
        assertTrue(strong.scores().psnrMean() >= none.scores().psnrMean() + MARGIN_DB,
                "strong " + strong.scores().psnrMean() + " dB vs none " + none.scores().psnrMean() + " dB");
    }

    static final double MARGIN_DB = 5.0;
}
