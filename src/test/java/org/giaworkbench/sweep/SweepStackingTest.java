package org.giaworkbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunQuery;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredStatus;
import org.giaworkbench.testing.WithProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose cells can share a stacked model runs them as one group (forced on the CPU with
 * {@code gia.stack=on}): every cell is still stored as its own finished run under its key, with the
 * PSNR it gets when the sweep runs its cells one by one.
 */
class SweepStackingTest {

    private static SweepDefinition threeImages() {
        var base = SpecJson.presetTree("quickstart-ig");
        SpecJson.applyOverride(base, "attack.iterations=15");
        return new SweepDefinition("stacked", "", base, Map.of("data.index", List.of("1", "4", "7")), 1, List.of());
    }

    private static Map<String, RunSummary> run(Path db, String stack) throws Exception {
        return WithProperty.with("gia.stack", stack, () -> {
            try (ExperimentStore store = ExperimentStore.open(db); ComputeService compute = new ComputeService()) {
                SweepPlan plan = SweepPlan.of(threeImages());
                List<Integer> startedBeforeFirstEnd = new ArrayList<>();
                boolean[] ended = {false};
                SweepRunner.Outcome o = new SweepRunner(compute, store).run(plan, new SweepRunner.Listener() {
                    @Override
                    public void started(int index, SweepCell cell) {
                        if (!ended[0]) {
                            startedBeforeFirstEnd.add(index);
                        }
                    }

                    @Override
                    public void ended(int index, SweepCell cell, RunSummary run) {
                        ended[0] = true;
                    }
                });
                assertEquals(3, o.ran());
                assertEquals(0, o.notFinished());
                assertEquals(stack.equals("on") ? List.of(0, 1, 2) : List.of(0), startedBeforeFirstEnd,
                        "stacked: the three cells start together; one by one: one at a time");
                Map<String, RunSummary> byKey = new HashMap<>();
                for (RunSummary r : store.runs(RunQuery.all().withSweep(plan.sweepId()))) {
                    assertEquals(StoredStatus.FINISHED, r.status());
                    byKey.put(r.cellKey(), r);
                }
                assertEquals(3, byKey.size(), "one stored run per cell");
                return byKey;
            }
        });
    }

    @Test
    void stackedCellsAreStoredAsTheirOwnRunsWithTheirOwnResults(@TempDir Path dir) throws Exception {
        Map<String, RunSummary> stacked = run(dir.resolve("stacked.db"), "on");
        Map<String, RunSummary> alone = run(dir.resolve("alone.db"), "off");
        for (String key : alone.keySet()) {
            RunSummary s = stacked.get(key);
            assertNotNull(s, "cell " + key + " missing from the stacked sweep");
            System.out.printf("%s: stacked %.3f dB, alone %.3f dB%n", key, s.psnrMean(), alone.get(key).psnrMean());
            assertEquals(alone.get(key).psnrMean(), s.psnrMean(), 0.5, key);
            assertEquals(15, s.iterations());
        }
    }
}
