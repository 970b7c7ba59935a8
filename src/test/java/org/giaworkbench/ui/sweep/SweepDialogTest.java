package org.giaworkbench.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.giaworkbench.core.spec.Presets;
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

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private SweepDialog dialog;

    /** PSNR falls with the batch, and differs by 2 dB between the two seeds. */
    private final SweepExecutor fake = new SweepExecutor() {
        @Override
        public SweepResults.CellResult run(String sweepId, SweepPlan.Cell cell, DoubleConsumer progress) {
            ran.add(cell.key());
            progress.accept(0.5);
            progress.accept(1);
            double psnr = 30 - 2 * cell.spec().data().batch() + 2 * cell.seedIndex();
            return new SweepResults.CellResult(cell, ran.size(), psnr, false);
        }

        @Override
        public void cancel() {
        }
    };

    @Start
    void start(Stage stage) {
        // The owner needs a scene: a scene-less shown stage stalls Monocle's paint.
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane(), 200, 100));
        stage.show();
        dialog = new SweepDialog(stage, () -> Presets.load("quickstart-dlg"), fake, Runnable::run);
        dialog.show();
    }

    @Test
    void theVaryRowBecomesCellsAndTheResultsShowAsTableAndTrend(FxRobot robot) throws Exception {
        TextField values = robot.lookup("#varyValues-0").queryAs(TextField.class);
        robot.interact(() -> values.setText(""));
        robot.clickOn(values).write("1,2,4");
        robot.interact(() -> dialog.form().seedsProperty().set(2));
        assertTrue(robot.lookup("#summaryLabel").queryAs(Label.class).getText().startsWith("6 cells"));
        robot.clickOn("#runButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !dialog.run().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("data.batch=1|seed=0", "data.batch=1|seed=1", "data.batch=2|seed=0", "data.batch=2|seed=1",
                "data.batch=4|seed=0", "data.batch=4|seed=1"), ran);
        assertEquals("Cell 6 of 6", robot.lookup("#cellLabel").queryAs(Label.class).getText());
        assertEquals(1.0, dialog.run().overallProgressProperty().get(), 1e-9);
        @SuppressWarnings("unchecked")
        TableView<SweepResults.Row> table = robot.lookup("#resultTable").queryAs(TableView.class);
        assertEquals(3, table.getItems().size());
        assertEquals(29.0, table.getItems().get(0).mean(), 1e-9);
        assertEquals(Math.sqrt(2), table.getItems().get(0).std(), 1e-9);
        assertEquals(2, table.getItems().get(0).n());
        assertEquals(23.0, table.getItems().get(2).mean(), 1e-9);

        TrendChart chart = robot.lookup("#trendChart").queryAs(TrendChart.class);
        assertEquals(1, chart.getData().size());
        assertEquals(List.of("1", "2", "4"), chart.getData().get(0).getData().stream().map(d -> d.getXValue()).toList());
        assertEquals(9, chart.errorBars().size(), "one bar and two caps per point");
        assertFalse(robot.lookup("#csvButton").queryButton().isDisabled());
        assertFalse(robot.lookup("#pngButton").queryButton().isDisabled());
    }
}
