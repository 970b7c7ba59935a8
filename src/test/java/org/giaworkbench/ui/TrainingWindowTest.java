package org.giaworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.ui.model.ModelChoiceModel;
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
 * Train… in the model pane, headless: two epochs of ResNet-20 on a tiny image folder (2 classes x 12
 * noise images at 8x8), then the weights choice offers the new checkpoint.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingWindowTest {

    @TempDir
    static Path root;
    private static ComputeService compute;
    private static final List<Throwable> fxErrors = new CopyOnWriteArrayList<>();
    private Workbench workbench;

    @BeforeAll
    static void startCompute() {
        System.setProperty("gia.checkpoints", root.resolve("checkpoints").toString());
        compute = new ComputeService();
    }

    @AfterAll
    static void stopCompute() {
        compute.close();
        System.clearProperty("gia.checkpoints");
    }

    @Start
    void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> fxErrors.add(e));
        WaitForAsyncUtils.autoCheckException = false;
        workbench = new Workbench(compute);
        stage.setScene(workbench.createScene(1280, 820));
        stage.show();
    }

    @AfterEach
    void noExceptionsOnTheFxThread() {
        workbench.dispose();
        assertTrue(fxErrors.isEmpty(), "exceptions on the FX thread: " + fxErrors);
    }

    @Test
    void trainOpensTrainsAndOffersTheCheckpoint(FxRobot robot) throws Exception {
        Path images = root.resolve("images");
        java.util.Random random = new java.util.Random(3);
        for (String c : List.of("a", "b")) {
            Files.createDirectories(images.resolve(c));
            for (int i = 0; i < 12; i++) {
                var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int p = 0; p < 64; p++) {
                    img.setRGB(p % 8, p / 8, random.nextInt(0x1000000));
                }
                javax.imageio.ImageIO.write(img, "png", images.resolve(c).resolve(i + ".png").toFile());
            }
        }
        robot.interact(() -> {
            workbench.model().dataset().apply(new DataSpec("image-folder", images.toString(), 8, 1, 0, 0, null, "cifar10"));
            workbench.model().model().apply(new ModelSpec("resnet20", "relu", "untrained", 0, "eval", null));
        });
        robot.clickOn("#navModel");
        @SuppressWarnings("unchecked")
        ComboBox<Integer> trained = robot.lookup("#trainedBox").queryAs(ComboBox.class);
        assertTrue(trained.getItems().isEmpty(), "no checkpoint yet");
        robot.clickOn("#trainButton");
        WaitForAsyncUtils.waitForFxEvents();
        Scene dialog = WaitForAsyncUtils.asyncFx(TrainingWindowTest::findDialog).get(10, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        Spinner<Integer> epochs = (Spinner<Integer>) dialog.lookup("#epochsSpinner");
        Button startButton = (Button) dialog.lookup("#startButton");
        robot.interact(() -> {
            epochs.getValueFactory().setValue(2);
            ((Spinner<?>) dialog.lookup("#batchSpinner")).getEditor().setText("8");
            ((Spinner<Integer>) dialog.lookup("#batchSpinner")).getValueFactory().setValue(8);
        });
        assertTrue(((Label) dialog.lookup("#targetLabel")).getText().contains("resnet20-relu-image-folder-images-8px"),
                ((Label) dialog.lookup("#targetLabel")).getText());
        robot.interact(startButton::fire);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !startButton.isDisabled()
                && ((Label) dialog.lookup("#statusLabel")).getText().startsWith("finished"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(1, 2), List.copyOf(trained.getItems()));
        assertEquals(2, trained.getValue(), "the newest checkpoint is preselected");
        assertTrue(trained.lookupAll(".list-cell").stream()
                .anyMatch(n -> "after 2 epochs".equals(((javafx.scene.control.ListCell<?>) n).getText())),
                "the weights choice shows the checkpoint");
        robot.interact(() -> workbench.model().model().weightsProperty().set(ModelChoiceModel.Weights.TRAINED));
        assertEquals("trained:2", workbench.model().spec().model().weights());
        robot.interact(() -> dialog.getWindow().hide());
    }

    private static Scene findDialog() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().lookup("#startButton") != null) {
                return w.getScene();
            }
        }
        throw new AssertionError("Train… opened no window");
    }
}
