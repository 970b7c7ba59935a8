package org.giaworkbench.ui.gradsim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimRequest;

/** Turns the window's text fields into a request (no JavaFX here: testable without a toolkit). */
public final class GradSimForm {

    private GradSimForm() {
    }

    /**
     * @param weights comma-separated model states, e.g. "untrained,bundled"
     * @param ks      comma-separated k values, e.g. "1,2,4,8"
     */
    public static GradSimRequest request(String arch, String weights, String ks, int label, String normalization) {
        List<String> states = Arrays.stream(weights.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (states.isEmpty()) {
            throw GiaException.badInput("name at least one model state", "e.g. untrained,bundled");
        }
        List<Integer> values = new ArrayList<>();
        for (String k : ks.split(",")) {
            if (k.isBlank()) {
                continue;
            }
            try {
                int v = Integer.parseInt(k.trim());
                if (v < 1 || v > 64) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw GiaException.badInput("k '" + k.trim() + "' is not a whole number from 1 to 64", "e.g. 1,2,4,8");
            }
        }
        if (values.isEmpty()) {
            throw GiaException.badInput("name at least one k", "e.g. 1,2,4,8");
        }
        return new GradSimRequest(arch, "default", states, values.stream().sorted().distinct().toList(), label, 0,
                normalization, "auto");
    }
}
