package org.giaworkbench.core.spec;

import java.util.List;

/** The presets shipped with the application (JSON files under {@code /org/giaworkbench/presets/}). */
public final class Presets {

    private static final List<String> NAMES = List.of("quickstart-dlg", "quickstart-idlg", "quickstart-ig",
            "robbing-the-fed-b64", "fishing-b32");

    private Presets() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static ExperimentSpec load(String name) {
        return SpecJson.bind(SpecJson.presetTree(name));
    }
}
