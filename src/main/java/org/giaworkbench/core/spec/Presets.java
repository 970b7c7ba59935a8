package org.giaworkbench.core.spec;

import java.util.List;

/** The presets shipped with the application (JSON files under {@code /org/giaworkbench/presets/}). */
public final class Presets {

    private static final List<String> NAMES = java.util.stream.Stream.of(
            List.of("quickstart-dlg", "quickstart-idlg", "quickstart-ig"),
            // The survey's resolution factor: IG on a bundled ImageNet photo, untrained ResNet-18 (ImageNet stem).
            List.of("resolution-32-quick", "resolution-64-quick", "resolution-128-quick", "resolution-224-quick",
                    "resolution-32-paper", "resolution-64-paper", "resolution-128-paper", "resolution-224-paper"),
            // Training state: IG against checkpoints made by `gia train`.
            List.of("training-state-quick", "training-state-paper"),
            // GradInversion and practical FedAvg.
            List.of("gradinversion-quick", "gradinversion-paper", "fedavg-quick"),
            // Analytic attacks with a malicious server.
            List.of("robbing-the-fed-b64", "fishing-b32"))
            .flatMap(List::stream).toList();

    private Presets() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static ExperimentSpec load(String name) {
        return SpecJson.bind(SpecJson.presetTree(name));
    }
}
