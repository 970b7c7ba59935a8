package org.giaworkbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunQuery;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep cancelled in the middle of a cell and run again completes only the missing cells; results,
 * CSV and chart come from the store. Tiny spec: DLG on the LeNet, 3 iterations.
 */
class SweepResumeTest {

    private static SweepDefinition tiny() {
        var base = SpecJson.presetTree("quickstart-dlg");
        SpecJson.applyOverride(base, "attack.iterations=3");
        SpecJson.applyOverride(base, "attack.max-iter=4");
        return new SweepDefinition("tiny", "", base, Map.of("data.batch", List.of("1", "2")), 2,
                List.of(SweepDefinition.GRADIENT_COSINE));
    }

    @Test
    void aCancelledSweepResumesWithTheMissingCellsOnly(@TempDir Path dir) throws Exception {
        SweepDefinition def = tiny();
        SweepPlan plan = SweepPlan.of(def);
        assertEquals(4, plan.cells().size());
        assertEquals("data.batch=1|seed=0", plan.cells().get(0).key());
        assertEquals(1, plan.cells().get(1).spec().run().seed(), "seed index added to run.seed");
        assertEquals(1, plan.cells().get(1).spec().data().seed(), "and to data.seed");
        assertEquals(2, plan.cells().get(2).spec().data().batch());
        assertEquals(plan.sweepId(), SweepPlan.of(def).sweepId(), "the same sweep has the same id");

        try (ExperimentStore store = ExperimentStore.open(dir.resolve("x.db")); ComputeService compute = new ComputeService()) {
            SweepRunner first = new SweepRunner(compute, store);
            List<String> started = new ArrayList<>();
            SweepRunner.Outcome o1 = first.run(plan, new SweepRunner.Listener() {
                @Override
                public void started(int index, SweepCell cell) {
                    started.add(cell.key());
                }

                @Override
                public void event(int index, SweepCell cell, RunEvent event) {
                    // Interrupt in the middle of the third cell's run.
                    if (index == 2 && event instanceof RunEvent.Started) {
                        first.cancel();
                    }
                }
            });
            assertTrue(o1.cancelled());
            assertEquals(3, o1.ran());
            assertEquals(List.of("data.batch=1|seed=0", "data.batch=1|seed=1", "data.batch=2|seed=0"), started);
            List<RunSummary> afterFirst = store.runs(RunQuery.all().withSweep(plan.sweepId()));
            assertEquals(3, afterFirst.size());
            assertEquals(StoredStatus.CANCELLED, afterFirst.get(0).status(), "the interrupted cell is not finished");

            SweepRunner second = new SweepRunner(compute, store);
            List<String> rerun = new ArrayList<>();
            int[] missing = new int[1];
            SweepRunner.Outcome o2 = second.run(SweepPlan.of(def), new SweepRunner.Listener() {
                @Override
                public void planned(SweepPlan p, int m) {
                    missing[0] = m;
                }

                @Override
                public void started(int index, SweepCell cell) {
                    rerun.add(cell.key());
                }
            });
            assertFalse(o2.cancelled());
            assertEquals(2, missing[0]);
            assertEquals(2, o2.skipped());
            assertEquals(List.of("data.batch=2|seed=0", "data.batch=2|seed=1"), rerun, "only the missing cells run");
            assertEquals(4, store.runs(RunQuery.all().withSweep(plan.sweepId()).withStatus(StoredStatus.FINISHED)).size());

            SweepResults results = SweepResults.collect(store, plan);
            assertEquals(2, results.groups().size());
            for (SweepResults.GroupStats g : results.groups()) {
                assertEquals(2, g.runs());
                assertEquals(2, g.stats().get(SweepResults.PSNR).n());
                assertTrue(Double.isFinite(g.stats().get(SweepResults.PSNR).mean()));
            }
            // One image: its gradient is the batch gradient. Two different images: less than 1.
            assertEquals(1.0, results.groups().get(0).stats().get(SweepDefinition.GRADIENT_COSINE).mean(), 1e-4);
            double cos2 = results.groups().get(1).stats().get(SweepDefinition.GRADIENT_COSINE).mean();
            assertTrue(cos2 > 0 && cos2 < 0.999, "batch-2 cosine " + cos2);

            String csv = results.groupsCsv();
            String[] lines = csv.split("\n");
            assertEquals(3, lines.length, csv);
            assertTrue(lines[0].startsWith("data.batch,runs,psnr_mean,psnr_sd"), lines[0]);
            assertEquals(lines[0].split(",").length, lines[1].split(",").length);
            assertEquals(5, results.cellsCsv().split("\n").length);
            Path png = dir.resolve("trend.png");
            TrendChart.write(results, SweepResults.PSNR, png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(760, img.getWidth());
        }
    }
}
