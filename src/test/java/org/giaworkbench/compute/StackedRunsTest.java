package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.testing.WithProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sweep cells submitted as a group run stacked (forced on the CPU with {@code gia.stack=on}) and each
 * ends as it does alone: same status, same best loss up to floating-point reordering, PSNR within 0.5 dB,
 * its own events. A group of cells that cannot share a model runs one after another.
 */
class StackedRunsTest {

    private static ComputeService compute;

    @BeforeAll
    static void start() {
        compute = new ComputeService();
    }

    @AfterAll
    static void stop() {
        compute.close();
    }

    private static ExperimentSpec cell(int index, long modelSeed, String arch) {
        return SpecJson.read("""
                {"name": "stacked-%d",
                 "data": {"source": "bundled-cifar10", "resolution": 32, "batch": 1, "seed": 0, "index": %d, "normalization": "cifar10"},
                 "model": {"arch": "%s", "activation": "default", "weights": "untrained", "seed": %d, "batchNorm": "eval"},
                 "fl": {"protocol": "fedsgd", "labels": "auto"},
                 "attack": {"id": "inverting-gradients", "params": {"iterations": 30, "tv": 0.01}},
                 "run": {"device": "cpu", "seed": %d, "snapshotEvery": 10}}
                """.formatted(index, index, arch, modelSeed, index));
    }

    @Test
    void groupedCellsEndAsTheyDoAlone() throws Exception {
        List<ExperimentSpec> specs = List.of(cell(1, 0, "resnet20"), cell(4, 1, "resnet20"), cell(7, 0, "resnet20"));
        List<RunResult> together = new ArrayList<>();
        List<List<String>> events = new ArrayList<>();
        WithProperty.with("gia.stack", "on", () -> {
            assertTrue(compute.stacks(specs), "three IG cells that differ in image and seeds should stack");
            assertFalse(compute.stacks(List.of(specs.get(0), cell(2, 0, "lenet-dlg"))), "different models cannot stack");
            List<RunEventSink> sinks = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
                events.add(seen);
                sinks.add(e -> seen.add(e.getClass().getSimpleName()));
            }
            for (RunHandle h : compute.submitGroup(specs, sinks)) {
                together.add(h.outcome().get(10, TimeUnit.MINUTES));
            }
            return null;
        });
        for (int i = 0; i < specs.size(); i++) {
            RunResult alone = compute.submit(specs.get(i), e -> { }).outcome().get(10, TimeUnit.MINUTES);
            RunResult stacked = together.get(i);
            assertNotNull(stacked, "cell " + i + " has no result");
            System.out.printf("cell %d: alone %.3f dB (loss %.6f), stacked %.3f dB (loss %.6f), %d iterations%n", i,
                    alone.scores().psnrMean(), alone.bestLoss(), stacked.scores().psnrMean(), stacked.bestLoss(),
                    stacked.iterations());
            assertEquals(RunStatus.FINISHED, stacked.status());
            assertEquals(30, stacked.iterations());
            assertEquals(alone.scores().psnrMean(), stacked.scores().psnrMean(), 0.5, "cell " + i + " PSNR");
            assertEquals(alone.bestLoss(), stacked.bestLoss(), 1e-3 * alone.bestLoss(), "cell " + i + " best loss");
            double firstLoss = stacked.series().get(0).loss();
            assertTrue(stacked.bestLoss() < 0.8 * firstLoss, "the attack should lower its loss: " + firstLoss + " -> "
                    + stacked.bestLoss());
            List<String> seen = events.get(i);
            assertEquals("Started", seen.get(0), "cell " + i + " events " + seen);
            assertEquals("Finished", seen.get(seen.size() - 1), "cell " + i + " events " + seen);
        }
    }
}
