package org.giaworkbench.fl;

import org.giaworkbench.core.GiaException;

/** What the server is granted beyond the gradient. */
public final class ThreatModel {

    private ThreatModel() {
    }

    /**
     * Whether the attack gets the labels: {@code known} and {@code unknown} are explicit; {@code auto}
     * follows the attack's own assumption (DLG and iDLG recover labels, Inverting Gradients assumes them).
     */
    public static boolean labelsGranted(String choice, boolean attackAssumesKnown) {
        return switch (choice == null ? "auto" : choice) {
            case "auto" -> attackAssumesKnown;
            case "known" -> true;
            case "unknown" -> false;
            default -> throw GiaException.badInput("fl.labels must be auto, known or unknown, got '" + choice + "'", "");
        };
    }
}
