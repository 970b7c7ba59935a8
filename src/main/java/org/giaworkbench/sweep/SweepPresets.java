package org.giaworkbench.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.giaworkbench.core.GiaException;

/**
 * The sweep presets shipped with the application: the seed's optimization-attack findings, each as
 * a {@code -quick} variant (minutes on a laptop CPU) and a {@code -paper} variant (24,000 iterations).
 * JSON files under {@code /org/giaworkbench/presets/sweeps/} in the {@link SweepDefinition} format.
 */
public final class SweepPresets {

    private static final List<String> NAMES = List.of(
            "batch-size-quick", "batch-size-paper",
            "same-labels-quick", "same-labels-paper",
            "training-state-quick", "training-state-paper",
            "depth-quick", "depth-paper");

    private SweepPresets() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static boolean exists(String name) {
        return SweepPresets.class.getResource(path(name)) != null;
    }

    public static SweepDefinition load(String name) {
        try (InputStream in = SweepPresets.class.getResourceAsStream(path(name))) {
            if (in == null) {
                throw GiaException.badInput("unknown sweep preset '" + name + "'", "sweep presets: " + String.join(", ", NAMES)
                        + "; or give a run preset with --vary");
            }
            return SweepDefinition.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "sweep preset " + name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sweep preset " + name, e);
        }
    }

    private static String path(String name) {
        return "/org/giaworkbench/presets/sweeps/" + name + ".json";
    }
}
