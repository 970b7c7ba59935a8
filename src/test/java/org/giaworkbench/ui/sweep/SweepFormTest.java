package org.giaworkbench.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.sweep.SweepCell;
import org.giaworkbench.sweep.SweepPresets;
import org.junit.jupiter.api.Test;

/** The sweep dialog's form model: vary rows and seeds to the cells the CLI's sweep plan makes. No toolkit. */
class SweepFormTest {

    private final ExperimentSpec base = Presets.load("quickstart-dlg");

    @Test
    void varyRowsAndSeedsMakeTheCrossProductFirstFactorSlowest() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("data.batch", "1, 4,8");
        form.addRow("model.arch", "resnet20,resnet56");
        form.seedsProperty().set(2);
        assertTrue(form.validProperty().get(), form.summaryProperty().get());
        List<SweepCell> cells = form.plan().cells();
        assertEquals(12, cells.size());
        assertTrue(form.summaryProperty().get().startsWith("12 cells"), form.summaryProperty().get());

        SweepCell first = cells.get(0);
        assertEquals("data.batch=1|model.arch=resnet20|seed=0", first.key());
        assertEquals(1, first.spec().data().batch());
        assertEquals("resnet20", first.spec().model().arch());
        assertEquals(base.data().seed(), first.spec().data().seed());
        SweepCell second = cells.get(1);
        assertEquals("data.batch=1|model.arch=resnet20|seed=1", second.key());
        assertEquals(base.data().seed() + 1, second.spec().data().seed());
        assertEquals(base.run().seed() + 1, second.spec().run().seed());
        assertEquals("data.batch=1|model.arch=resnet56|seed=0", cells.get(2).key());
        SweepCell last = cells.get(11);
        assertEquals("data.batch=8|model.arch=resnet56|seed=1", last.key());
        assertEquals(8, last.spec().data().batch());
        assertEquals(Map.of("data.batch", "8", "model.arch", "resnet56"), last.factors());
        // Everything not varied is the base's.
        assertEquals(base.attack(), last.spec().attack());
        assertEquals(base.model().weights(), last.spec().model().weights());
    }

    @Test
    void attackParametersAreVariedByTheirDottedKeys() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("attack.iterations", "10,20");
        assertEquals(List.of(10, 20), form.plan().cells().stream()
                .map(c -> ((Number) c.spec().attack().params().get("iterations")).intValue()).toList());
    }

    @Test
    void theSweepIdFollowsTheBaseAndFactorsSoMoreValuesOrSeedsResume() {
        AtomicReference<ExperimentSpec> spec = new AtomicReference<>(base);
        SweepForm a = new SweepForm(spec::get);
        a.addRow("data.batch", "1,2");
        String id = a.plan().sweepId();
        a.rows().get(0).valuesProperty().set("1,2,4");
        a.seedsProperty().set(3);
        assertEquals(id, a.plan().sweepId(), "more values or seeds: the same sweep, resumed");
        spec.set(Presets.load("quickstart-ig"));
        assertNotEquals(id, a.plan().sweepId(), "another base: another sweep");
    }

    @Test
    void badRowsAreExplainedAndEmptyRowsIgnored() {
        SweepForm form = new SweepForm(() -> base);
        form.addRow("", "");
        assertTrue(form.validProperty().get(), "an empty row is ignored");
        assertEquals(1, form.plan().cells().size(), "no factor: the base once");
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
    void aSweepPresetFillsTheRowsSeedsAndName() {
        var def = SweepPresets.load("batch-size-quick");
        SweepForm form = new SweepForm(() -> base);
        form.load(def);
        assertEquals(def.vary().size(), form.rows().size());
        assertEquals(def.seeds(), form.seedsProperty().get());
        assertEquals(def.vary(), form.definition().vary());
        assertTrue(form.plan().sweepId().startsWith("batch-size-quick-"), form.plan().sweepId());
    }
}
