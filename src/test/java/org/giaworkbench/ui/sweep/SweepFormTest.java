package org.giaworkbench.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.Presets;
import org.junit.jupiter.api.Test;

/** The sweep dialog's form model: vary rows and seeds to cells, ids, and the summary statistics. No toolkit. */
class SweepFormTest {

    private final ExperimentSpec base = Presets.load("quickstart-dlg");

    @Test
    void varyRowsAndSeedsMakeTheCrossProductFirstFactorSlowest() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("data.batch", "1, 4,8");
        form.addRow("model.arch", "resnet20,resnet56");
        form.seedsProperty().set(2);
        assertTrue(form.validProperty().get(), form.summaryProperty().get());
        List<SweepPlan.Cell> cells = form.plan().cells();
        assertEquals(12, cells.size());
        assertTrue(form.summaryProperty().get().startsWith("12 cells"), form.summaryProperty().get());

        SweepPlan.Cell first = cells.get(0);
        assertEquals("data.batch=1|model.arch=resnet20|seed=0", first.key());
        assertEquals(1, first.spec().data().batch());
        assertEquals("resnet20", first.spec().model().arch());
        assertEquals(base.data().seed(), first.spec().data().seed());
        SweepPlan.Cell second = cells.get(1);
        assertEquals("data.batch=1|model.arch=resnet20|seed=1", second.key());
        assertEquals(base.data().seed() + 1, second.spec().data().seed());
        assertEquals(base.run().seed() + 1, second.spec().run().seed());
        assertEquals("data.batch=1|model.arch=resnet56|seed=0", cells.get(2).key());
        SweepPlan.Cell last = cells.get(11);
        assertEquals("data.batch=8|model.arch=resnet56|seed=1", last.key());
        assertEquals(8, last.spec().data().batch());
        assertEquals(Map.of("data.batch", "8", "model.arch", "resnet56"), last.factors());
        assertEquals("data.batch=8, model.arch=resnet56", last.group());
        // Everything not varied is the base's.
        assertEquals(base.attack(), last.spec().attack());
        for (int i = 0; i < cells.size(); i++) {
            assertEquals(i, cells.get(i).index());
        }
    }

    @Test
    void attackParametersAndBooleansAreVariedByTheirDottedKeys() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("attack.iterations", "10,20");
        List<SweepPlan.Cell> cells = form.plan().cells();
        assertEquals(List.of(10, 20), cells.stream().map(c -> ((Number) c.spec().attack().params().get("iterations")).intValue())
                .toList());
    }

    @Test
    void theSweepIdFollowsTheDefinitionSoARerunResumes() {
        SweepForm a = new SweepForm(() -> base);
        a.addRow("data.batch", "1,2");
        SweepForm b = new SweepForm(() -> base);
        b.addRow("data.batch", "1,2");
        assertEquals(a.plan().sweepId(), b.plan().sweepId());
        b.seedsProperty().set(3);
        assertNotEquals(a.plan().sweepId(), b.plan().sweepId());
        assertTrue(a.plan().sweepId().matches("sweep-[0-9a-f]{12}"));
    }

    @Test
    void badRowsAreExplainedAndEmptyRowsIgnored() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("", "");
        assertTrue(form.validProperty().get(), "an empty row is ignored");
        assertEquals(1, form.plan().size(), "no factor: the base once");
        SweepForm.Row row = form.addRow("data batch", "1,2");
        assertFalse(form.validProperty().get());
        assertTrue(form.summaryProperty().get().contains("dotted"), form.summaryProperty().get());
        row.keyProperty().set("data.batch");
        row.valuesProperty().set(" , ");
        assertTrue(form.summaryProperty().get().contains("no values"), form.summaryProperty().get());
        row.valuesProperty().set("1,1");
        assertTrue(form.summaryProperty().get().contains("twice"), form.summaryProperty().get());
        row.valuesProperty().set("1,2");
        assertTrue(form.validProperty().get());
        form.addRow("data.batch", "4");
        assertFalse(form.validProperty().get(), "the same key in two rows");
        assertThrows(GiaException.class, form::plan);
    }

    @Test
    void summaryGivesMeanSampleStdAndCountPerGroupIgnoringCellsWithoutAResult() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("data.batch", "1,4");
        form.seedsProperty().set(3);
        List<SweepPlan.Cell> cells = form.plan().cells();
        double[] psnr = {20, 22, 24, 10, Double.NaN, 12};
        List<SweepResults.CellResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            results.add(new SweepResults.CellResult(cells.get(i), i + 1, psnr[i], false));
        }
        List<SweepResults.Row> rows = SweepResults.summarise(results);
        assertEquals(2, rows.size());
        assertEquals("data.batch=1", rows.get(0).group());
        assertEquals(22, rows.get(0).mean(), 1e-12);
        assertEquals(2, rows.get(0).std(), 1e-12);
        assertEquals(3, rows.get(0).n());
        assertEquals(11, rows.get(1).mean(), 1e-12);
        assertEquals(Math.sqrt(2), rows.get(1).std(), 1e-12);
        assertEquals(2, rows.get(1).n());
        String csv = SweepResults.csv(List.of("data.batch"), rows);
        assertEquals("data.batch,psnr_mean,psnr_std,n,psnr_min,psnr_max\n1,22.0000,2.0000,3,20.0000,24.0000\n"
                + "4,11.0000,1.4142,2,10.0000,12.0000\n", csv);
    }
}
