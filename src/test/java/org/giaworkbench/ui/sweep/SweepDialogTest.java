package org.giaworkbench.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import java.nio.file.Path;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunRecorder;
import org.giaworkbench.store.RunTags;
import org.giaworkbench.sweep.SweepCell;
import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.sweep.SweepRunner;
import org.giaworkbench.ui.history.StoredRunFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sweep dialog with a made-up executor (no engine): the vary row typed in becomes the cells the
 * executor gets, progress reaches the last cell, and the table and trend chart show the statistics.
 */
@ExtendWith(ApplicationExtension.class)
class SweepDialogTest {

    @TempDir
    static Path dir;
    private static int counter;

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private ExperimentStore store;
    private SweepDialog dialog;

    /**
     * A sweep service over a real temporary store that "runs" a cell by recording a made-up finished
     * run: PSNR falls 2 dB per image of batch, and rises 2 dB per seed index.
     */
    private final class FakeSweeps implements SweepService {
        @Override
        public SweepRunner.Outcome run(SweepPlan plan, SweepRunner.Listener listener) {
            store.putSweep(plan.sweepId(), plan.definition().toJson().toString());
            int skipped = 0;
            for (int i = 0; i < plan.cells().size(); i++) {
                SweepCell cell = plan.cells().get(i);
                var done = store.finishedRun(plan.sweepId(), cell.key());
                if (done.isPresent()) {
                    skipped++;
                    listener.skipped(i, cell, done.getAsLong());
                    continue;
                }
                listener.started(i, cell);
                ran.add(cell.key());
                int index = i;
                RunRecorder rec = store.recorder(cell.spec(), new RunTags(plan.sweepId(), cell.key()),
                        e -> listener.event(index, cell, e));
                StoredRunFixture.events(cell.spec(), 30 - 2 * cell.spec().data().batch() + 2 * cell.seed()).forEach(rec::accept);
                listener.ended(i, cell, store.summary(rec.storedId().orElseThrow()).orElseThrow());
            }
            return new SweepRunner.Outcome(plan.cells().size(), skipped, plan.cells().size() - skipped, 0, false);
        }

        @Override
        public void cancel() {
        }

        @Override
        public SweepResults collect(SweepPlan plan) {
            return SweepResults.collect(store, plan);
        }
    }

    @Start
    void start(Stage stage) {
        // The owner needs a scene: a scene-less shown stage stalls Monocle's paint.
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 200, 100));
        stage.show();
        store = ExperimentStore.open(dir.resolve("sweep-" + (++counter) + ".db"));
        dialog = new SweepDialog(stage, () -> Presets.load("quickstart-dlg"), new FakeSweeps(), Runnable::run);
        dialog.show();
    }

    @Test
    void theVaryRowBecomesCellsAndTheResultsShowAsTableAndTrend(FxRobot robot) throws Exception {
        TextField values = robot.lookup("#varyValues-0").queryAs(TextField.class);
        robot.interact(() -> values.setText(""));
        robot.clickOn(values).write("1,2,4");
        robot.interact(() -> dialog.form().seedsProperty().set(2));
        assertTrue(robot.lookup("#sweepSummary").queryAs(Label.class).getText().startsWith("6 cells"));
        robot.clickOn("#sweepRunButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !dialog.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("data.batch=1|seed=0", "data.batch=1|seed=1", "data.batch=2|seed=0", "data.batch=2|seed=1",
                "data.batch=4|seed=0", "data.batch=4|seed=1"), ran);
        assertEquals("Cell 6 of 6", robot.lookup("#cellLabel").queryAs(Label.class).getText());
        assertEquals(1.0, dialog.run().overallProgressProperty().get(), 1e-9);
        @SuppressWarnings("unchecked")
        TableView<SweepResults.GroupStats> table = robot.lookup("#resultTable").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        SweepResults.Stat first = table.getItems().get(0).stats().get(SweepResults.PSNR);
        assertEquals(29.0, first.mean(), 1e-9);
        assertEquals(Math.sqrt(2), first.sd(), 1e-9);
        assertEquals(2, first.n());
        assertEquals(23.0, table.getItems().get(2).stats().get(SweepResults.PSNR).mean(), 1e-9);

        TrendLineChart chart = robot.lookup("#trendChart").queryAs(TrendLineChart.class);
        assertEquals(1, chart.getData().size());
        assertEquals(List.of("1", "2", "4"), chart.getData().get(0).getData().stream().map(d -> d.getXValue()).toList());
        assertEquals(9, chart.errorBars().size(), "one bar and two caps per point");
        assertFalse(robot.lookup("#csvButton").queryButton().isDisabled());
        assertFalse(robot.lookup("#pngButton").queryButton().isDisabled());

        // The same sweep again, with one more batch size: only the new cells run (resume).
        ran.clear();
        robot.interact(() -> values.setText("1,2,4,8"));
        robot.clickOn("#sweepRunButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !dialog.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("data.batch=8|seed=0", "data.batch=8|seed=1"), ran);
        assertEquals(4, table.getItems().size());
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("6 already in the store"),
                robot.lookup("#statusLabel").queryAs(Label.class).getText());
        store.close();
    }
}
