package org.giaworkbench.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunQuery;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.ui.fx.Fxml;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.run.RunState;
import org.giaworkbench.ui.store.StoreAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The history pane alone (no engine) over a temporary store seeded through the store's recorder:
 * the table lists the runs, the filters narrow it, Delete asks and removes, Compare shows the images.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryPaneTest {

    @TempDir
    static Path dir;
    private static int counter;

    private Path file;
    private StoreAccess access;
    private HistoryModel model;
    private final AtomicReference<RunRecord> opened = new AtomicReference<>();
    private long dlgLenet;
    private long dlgResnet;
    private long igResnet;

    @Start
    void start(Stage stage) {
        file = dir.resolve("history-" + (++counter) + ".db");
        try (ExperimentStore store = ExperimentStore.open(file)) {
            dlgLenet = StoredRunFixture.finished(store, "dlg", "lenet-dlg", 2, 20, 1);
            dlgResnet = StoredRunFixture.finished(store, "dlg", "resnet20", 2, 14, 1);
            igResnet = StoredRunFixture.finished(store, "inverting-gradients", "resnet20", 2, 25, 7);
        }
        access = StoreAccess.open(file, Platform::runLater);
        model = new HistoryModel(access);
        var root = Fxml.load("/fxml/history/HistoryPane.fxml", c -> new HistoryController(model, opened::set));
        Scene scene = new Scene(root, 1200, 700);
        scene.getStylesheets().add(HistoryPaneTest.class.getResource("/css/workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        model.refresh();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() != null)
                .toList().forEach(w -> ((Stage) w).close()));
        access.close();
    }

    private static void waitFor(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 20 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<RunSummary> table(FxRobot robot) {
        return robot.lookup("#runTable").queryAs(TableView.class);
    }

    private static List<Long> ids(TableView<RunSummary> t) {
        return t.getItems().stream().map(RunSummary::id).toList();
    }

    @Test
    void theTableListsEveryStoredRunAndTheFiltersNarrowIt(FxRobot robot) {
        TableView<RunSummary> t = table(robot);
        waitFor(() -> t.getItems().size() == 3);
        assertEquals(List.of(igResnet, dlgResnet, dlgLenet), ids(t), "newest first");

        @SuppressWarnings("unchecked")
        ComboBox<String> attack = robot.lookup("#attackFilter").queryAs(ComboBox.class);
        assertEquals(List.of("", "dlg", "inverting-gradients"), attack.getItems());
        robot.interact(() -> attack.setValue("dlg"));
        assertEquals(List.of(dlgResnet, dlgLenet), ids(t));
        @SuppressWarnings("unchecked")
        ComboBox<String> net = robot.lookup("#modelFilter").queryAs(ComboBox.class);
        robot.interact(() -> net.setValue("resnet20"));
        assertEquals(List.of(dlgResnet), ids(t));
        robot.interact(() -> {
            attack.setValue("");
            net.setValue("");
        });
        assertEquals(3, t.getItems().size());

        robot.clickOn("#searchField").write("inverting");
        assertEquals(List.of(igResnet), ids(t));
        robot.interact(() -> robot.lookup("#searchField").queryAs(TextField.class).clear());
        robot.interact(() -> {
            java.time.LocalDate today = java.time.LocalDate.now();
            model.fromProperty().unbind();
            model.fromProperty().set(today.plusDays(1));
        });
        assertTrue(t.getItems().isEmpty(), "no run is from tomorrow");
    }

    @Test
    void sortingByPsnrOrdersTheRows(FxRobot robot) {
        TableView<RunSummary> t = table(robot);
        waitFor(() -> t.getItems().size() == 3);
        robot.interact(() -> {
            var psnr = t.getColumns().stream().filter(c -> "psnrColumn".equals(c.getId())).findFirst().orElseThrow();
            t.getSortOrder().setAll(List.of(psnr));
        });
        assertEquals(List.of(dlgResnet, dlgLenet, igResnet), ids(t), "ascending mean PSNR 14.5, 20.5, 25.5");
    }

    @Test
    void deleteAsksAndRemovesTheRunFromTheStore(FxRobot robot) {
        TableView<RunSummary> t = table(robot);
        waitFor(() -> t.getItems().size() == 3);
        robot.interact(() -> t.getSelectionModel().select(t.getItems().stream().filter(r -> r.id() == dlgResnet)
                .findFirst().orElseThrow()));
        // Cancel first: nothing goes.
        robot.clickOn("#deleteButton");
        Node dialog = robot.lookup("#deleteDialog").query();
        robot.clickOn(robot.from(dialog).lookup((Node n) -> n instanceof Button b && b.getText().equals("Cancel"))
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, t.getItems().size());

        robot.clickOn("#deleteButton");
        dialog = robot.lookup("#deleteDialog").query();
        assertTrue(robot.from(dialog).lookup((Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().contains("#" + dlgResnet)).tryQuery().isPresent(), "the dialog names the run");
        robot.clickOn(robot.from(dialog).lookup((Node n) -> n instanceof Button b && b.getText().equals("Delete"))
                .queryButton());
        waitFor(() -> t.getItems().size() == 2);
        assertFalse(ids(t).contains(dlgResnet));
        try (ExperimentStore store = ExperimentStore.open(file)) {
            assertTrue(store.run(dlgResnet).isEmpty(), "gone from the store");
            assertEquals(2, store.runs(RunQuery.all()).size());
        }
    }

    @Test
    void compareShowsTheSelectedRunsImagesAndCurves(FxRobot robot) {
        TableView<RunSummary> t = table(robot);
        waitFor(() -> t.getItems().size() == 3);
        robot.interact(() -> {
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().selectIndices(1, 2);
        });
        assertFalse(robot.lookup("#compareButton").queryButton().isDisabled());
        robot.clickOn("#compareButton");
        waitFor(() -> robot.lookup("#compareGrid").tryQuery().isPresent());
        Node grid = robot.lookup("#compareGrid").query();
        // One truth column and two runs, two images each: 2 truths + 4 reconstructions.
        assertEquals(6, robot.from(grid).lookup((Node n) -> n instanceof ImageView).queryAll().size());
        assertTrue(robot.from(robot.lookup("#compare-0-1").<Node>query()).lookup((Node n) -> n instanceof Label l
                && l.getText().contains("dB")).tryQuery().isPresent(), "per-image PSNR");
        // Both runs attacked the same images (seed 1): no 'another image' marker.
        assertTrue(robot.from(grid).lookup((Node n) -> n instanceof Label l && l.getText().equals("another image here"))
                .queryAll().isEmpty());
        LineChart<?, ?> psnr = robot.lookup("#gia-compare-psnr").queryAs(LineChart.class);
        assertEquals(2, psnr.getData().size(), "one PSNR line per run");
        assertEquals(4, psnr.getData().get(0).getData().size(), "the stored snapshots");
    }

    @Test
    void compareMarksARunOfOtherImages(FxRobot robot) {
        TableView<RunSummary> t = table(robot);
        waitFor(() -> t.getItems().size() == 3);
        robot.interact(() -> t.getSelectionModel().selectIndices(0, 1));
        robot.clickOn("#compareButton");
        waitFor(() -> robot.lookup("#compareGrid").tryQuery().isPresent());
        assertEquals(2, robot.lookup((Node n) -> n instanceof Label l && "another image here".equals(l.getText()))
                .queryAll().size());
    }

    @Test
    void openReadsTheRunForTheRunPane(FxRobot robot) {
        TableView<RunSummary> t = table(robot);
        waitFor(() -> t.getItems().size() == 3);
        robot.interact(() -> t.getSelectionModel().select(2));
        robot.clickOn("#openRunButton");
        waitFor(() -> opened.get() != null);
        RunRecord r = opened.get();
        assertEquals(dlgLenet, r.storedId());
        assertEquals(RunState.FINISHED, r.stateProperty().get());
        assertEquals(2, r.pairs().size());
        assertEquals(20.0, r.pairs().get(0).psnr(), 1e-9);
        assertEquals(4, r.psnrSeries().data().size());
        assertEquals(40, r.lossSeries().data().size());
        assertTrue(r.outcomeProperty().get().contains("#" + dlgLenet), r.outcomeProperty().get());
    }
}
