package org.giaworkbench.ui.ana;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.run.RunRecord;

/** Puts the malicious-server views into the existing panes (one call from the shell). */
public final class AnaPanes {

    private AnaPanes() {
    }

    /**
     * @param attackPane the attack pane (a VBox): gets the client-check card at its end
     * @param runPane    the run pane (a VBox): gets the bins / target view above its gallery
     */
    public static void install(Parent attackPane, Parent runPane, ObservableValue<RunRecord> shown,
                               Supplier<ExperimentSpec> spec, ModelChecker checker, Executor background) {
        if (attackPane instanceof Pane a) {
            a.getChildren().add(new ClientCheckPane(spec, checker, background));
        }
        if (runPane instanceof VBox v) {
            AnaResultPanel panel = new AnaResultPanel();
            v.getChildren().add(Math.min(4, v.getChildren().size()), panel);
            javafx.beans.value.ChangeListener<RunResult> onResult = (obs, was, now) -> panel.show(now);
            javafx.beans.value.ChangeListener<RunRecord> onShown = (obs, was, now) -> {
                if (was != null) {
                    was.resultProperty().removeListener(onResult);
                }
                if (now != null) {
                    now.resultProperty().addListener(onResult);
                }
                panel.show(now == null ? null : now.resultProperty().get());
            };
            shown.addListener(onShown);
            onShown.changed(shown, null, shown.getValue());
        }
    }
}
