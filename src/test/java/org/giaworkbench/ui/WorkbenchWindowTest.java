package org.giaworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.hansolo.tilesfx.Tile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredStatus;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.run.RunState;
import org.giaworkbench.ui.shell.MainController;
import org.giaworkbench.ui.shell.Workbench;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (Monocle), driving real short attacks on the bundled images. Any exception
 * on the FX thread fails the test that caused it.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchWindowTest {

    private static ComputeService compute;
    private static final List<Throwable> fxErrors = new CopyOnWriteArrayList<>();
    private Workbench workbench;
    private ExperimentStore store;
    @TempDir
    static Path storeDir;
    private static int stores;

    @BeforeAll
    static void startCompute() {
        compute = new ComputeService();
    }

    @AfterAll
    static void stopCompute() {
        compute.close();
    }

    @Start
    void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> fxErrors.add(e));
        // TestFX would otherwise rethrow FX exceptions only at its next wait, which hides which step failed.
        WaitForAsyncUtils.autoCheckException = false;
        store = ExperimentStore.open(storeDir.resolve("window-" + (++stores) + ".db"));
        workbench = new Workbench(compute, store);
        stage.setScene(workbench.createScene(1280, 820));
        stage.show();
    }

    @AfterEach
    void noExceptionsOnTheFxThread(FxRobot robot) {
        if (workbench.model().activeHandle() != null) {
            robot.interact(() -> workbench.model().cancel());
            waitFor(() -> workbench.model().activeHandle() == null, 60);
        }
        workbench.dispose();
        store.close();
        assertTrue(fxErrors.isEmpty(), "exceptions on the FX thread: " + fxErrors);
    }

    private static void waitFor(BooleanSupplier condition, long seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void setIterations(FxRobot robot, String value) {
        robot.clickOn("#navAttack");
        TextField field = robot.lookup("#param-iterations").queryAs(TextField.class);
        robot.interact(() -> field.setText(value));
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryButton();
    }

    @Test
    void aShortDlgRunShowsTheGalleryAndChartsAndReenablesRun(FxRobot robot) {
        waitFor(() -> !button(robot, "#runButton").isDisabled(), 30);
        setIterations(robot, "20");
        robot.clickOn("#runButton");
        assertTrue(button(robot, "#runButton").isDisabled(), "Run is disabled while running");
        RunRecord record = workbench.model().shownProperty().get();
        waitFor(() -> record.stateProperty().get().isTerminal(), 120);

        assertEquals(RunState.FINISHED, record.stateProperty().get(), record.outcomeProperty().get());
        FlowPane gallery = robot.lookup("#gallery").queryAs(FlowPane.class);
        assertEquals(1, gallery.getChildren().size());
        Node pair = robot.lookup("#pair-0").query();
        java.util.function.Predicate<Node> isImage = n -> n instanceof ImageView;
        java.util.function.Predicate<Node> isPsnr = n -> n instanceof Label l && l.getText().contains("dB");
        assertEquals(2, robot.from(pair).lookup(isImage).queryAll().size());
        assertTrue(robot.from(pair).lookup(isPsnr).tryQuery().isPresent(), "the pair shows its PSNR");
        LineChart<?, ?> loss = robot.lookup("#lossChart").queryAs(LineChart.class);
        LineChart<?, ?> psnr = robot.lookup("#psnrChart").queryAs(LineChart.class);
        assertFalse(loss.getData().get(0).getData().isEmpty(), "loss chart has points");
        assertFalse(psnr.getData().get(0).getData().isEmpty(), "PSNR chart has points");
        assertTrue(robot.lookup("#bannerLabel").queryLabeled().getText().startsWith("Finished"));
        // The TilesFX tiles show the run's final numbers.
        Tile psnrTile = robot.lookup("#tile-psnr").queryAs(Tile.class);
        assertEquals(record.resultProperty().get().scores().psnrMean(), psnrTile.getValue(), 1e-9);
        assertTrue(psnrTile.isValueVisible());
        assertEquals(record.ssimProperty().get(), robot.lookup("#tile-ssim").queryAs(Tile.class).getValue(), 1e-9);
        assertEquals(20, robot.lookup("#tile-iteration").queryAs(Tile.class).getValue(), 1e-9);
        assertFalse(button(robot, "#runButton").isDisabled(), "Run is enabled again");
        assertTrue(button(robot, "#cancelButton").isDisabled());
        assertFalse(button(robot, "#exportButton").isDisabled());

        // The detail view opens on a click and the history reopens the run.
        robot.clickOn("#pair-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.listWindows().size() >= 2, "the detail view opened");
        robot.interact(() -> robot.listWindows().stream().filter(w -> w != robot.lookup("#runButton").query().getScene()
                .getWindow()).forEach(w -> ((Stage) w).close()));
        robot.clickOn("#navHistory");
        assertEquals(1, workbench.model().history().size());
        // The run was recorded in the store, and the history table refreshed when it ended.
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<RunSummary> table = robot.lookup("#runTable").queryAs(javafx.scene.control.TableView.class);
        waitFor(() -> table.getItems().size() == 1, 20);
        RunSummary stored = table.getItems().get(0);
        assertEquals(StoredStatus.FINISHED, stored.status());
        assertEquals(20, stored.iterations());
        assertEquals(record.resultProperty().get().scores().psnrMean(), stored.psnrMean(), 1e-6);
    }

    @Test
    void cancelKeepsTheBestSoFarAndReenablesRun(FxRobot robot) {
        waitFor(() -> !button(robot, "#runButton").isDisabled(), 30);
        setIterations(robot, "100000");
        robot.clickOn("#runButton");
        RunRecord record = workbench.model().shownProperty().get();
        waitFor(() -> record.iterationProperty().get() >= 3 && !record.pairs().isEmpty(), 120);
        robot.clickOn("#cancelButton");
        waitFor(() -> record.stateProperty().get().isTerminal(), 60);

        assertEquals(RunState.CANCELLED, record.stateProperty().get());
        String banner = robot.lookup("#bannerLabel").queryLabeled().getText();
        assertTrue(banner.startsWith("Cancelled") && banner.contains("best"), banner);
        assertEquals(1, robot.lookup("#gallery").queryAs(FlowPane.class).getChildren().size());
        assertFalse(button(robot, "#runButton").isDisabled());
    }

    @Test
    void anInvalidParameterShowsAnInlineErrorAndDisablesRun(FxRobot robot) {
        waitFor(() -> !button(robot, "#runButton").isDisabled(), 30);
        setIterations(robot, "-5");
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#problemLabel").queryAs(Label.class);
        assertTrue(problem.isVisible() && problem.getText().contains("iterations"), problem.getText());
        assertTrue(robot.lookup("#param-iterations").query().getStyleClass().contains("gia-invalid"));
        assertTrue(button(robot, "#runButton").isDisabled());
        setIterations(robot, "5");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(problem.isVisible());
        assertFalse(button(robot, "#runButton").isDisabled());
    }

    @Test
    void aFolderThatIsNotADatasetShowsTheMessage(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "no images here");
        robot.interact(() -> {
            workbench.controller().select(MainController.Nav.DATASET);
            workbench.model().dataset().sourceProperty().set("image-folder");
        });
        TextField path = robot.lookup("#pathField").queryAs(TextField.class);
        robot.interact(() -> path.setText(dir.toString()));
        Label error = robot.lookup("#errorLabel").queryAs(Label.class);
        waitFor(() -> error.isVisible() && !error.getText().isEmpty(), 30);
        assertTrue(error.getText().contains(dir.getFileName().toString()) || error.getText().contains("folder"),
                error.getText());
        assertTrue(button(robot, "#runButton").isDisabled());
    }

    @Test
    void theThemeToggleSwitchesOnlyTheRootStyleClass(FxRobot robot) {
        Node root = robot.lookup("#runButton").query().getScene().getRoot();
        assertFalse(root.getStyleClass().contains("gia-dark"));
        robot.clickOn("#themeToggle");
        assertTrue(root.getStyleClass().contains("gia-dark"));
        robot.clickOn("#themeToggle");
        assertFalse(root.getStyleClass().contains("gia-dark"));
    }
}
