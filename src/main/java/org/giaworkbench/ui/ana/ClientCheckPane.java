package org.giaworkbench.ui.ana;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.giaworkbench.core.result.CheckReport;
import org.giaworkbench.core.spec.ExperimentSpec;

/**
 * "Check as client": builds the model the current settings' server would ship (off the FX thread, on the
 * compute service) and lists the client-side checks, fired or not, with why.
 */
final class ClientCheckPane extends VBox {

    private final Label verdict = new Label();
    private final VBox findings = new VBox(2);

    ClientCheckPane(Supplier<ExperimentSpec> spec, ModelChecker checker, Executor background) {
        setSpacing(6);
        getStyleClass().add("gia-card");
        Label title = new Label("Client-side check (defence stage 3)");
        title.getStyleClass().add("gia-section");
        Button run = new Button("Check the model the server ships");
        run.setOnAction(e -> {
            run.setDisable(true);
            verdict.setText("checking...");
            findings.getChildren().clear();
            ExperimentSpec s = spec.get();
            background.execute(() -> {
                try {
                    CheckReport report = checker.check(s);
                    Platform.runLater(() -> {
                        show(report);
                        run.setDisable(false);
                    });
                } catch (Exception ex) {
                    Platform.runLater(() -> {
                        verdict.setText("check failed: " + ex.getMessage());
                        run.setDisable(false);
                    });
                }
            });
        });
        verdict.setWrapText(true);
        getChildren().addAll(title, run, verdict, findings);
    }

    void show(CheckReport report) {
        verdict.setText((report.flagged() ? "REFUSE: " : "accept: ") + report.model());
        verdict.getStyleClass().setAll("label", report.flagged() ? "gia-ana-refuse" : "gia-ana-accept");
        findings.getChildren().clear();
        for (CheckReport.Finding f : report.findings()) {
            Label l = new Label((f.fired() ? "FIRED  " : "ok     ") + f.check() + ": " + f.why());
            l.setWrapText(true);
            l.getStyleClass().add(f.fired() ? "gia-ana-fired" : "gia-ana-ok");
            findings.getChildren().add(l);
        }
    }
}
