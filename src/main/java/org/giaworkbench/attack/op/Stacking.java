package org.giaworkbench.attack.op;

import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.Replicas;

/**
 * When independent trials run stacked ({@link StackedInvertingGradients}) rather than one after another.
 * {@code -Dgia.stack=auto} (default): on a GPU, where one CIFAR-size trial leaves the device idle; on the
 * CPU the trials already keep the cores busy and grouped convolutions are no faster. {@code on} and
 * {@code off} force it either way (tests run the stacked path on the CPU with {@code on}).
 */
public final class Stacking {

    private Stacking() {
    }

    /** The setting: auto, on or off. */
    public static String mode() {
        String v = System.getProperty("gia.stack", "auto").trim();
        return v.equals("on") || v.equals("off") ? v : "auto";
    }

    /** Whether trials on {@code model} should run stacked under the current setting. */
    public static boolean wanted(GiaModel model) {
        return Replicas.supports(model) && wantedOn(model.trainableArrays().get(0).getDevice().isGpu());
    }

    /** Whether trials on a GPU ({@code gpu}) or the CPU should run stacked under the current setting. */
    public static boolean wantedOn(boolean gpu) {
        return switch (mode()) {
            case "on" -> true;
            case "off" -> false;
            default -> gpu;
        };
    }

    /** The most trials stacked at once ({@code -Dgia.stack.max}, default 16). */
    public static int maxTrials() {
        return Math.max(1, Integer.getInteger("gia.stack.max", 16));
    }
}
