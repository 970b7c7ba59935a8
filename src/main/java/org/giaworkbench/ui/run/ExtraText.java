package org.giaworkbench.ui.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.ui.fx.Messages;

/** How the run pane writes LPIPS, Jaccard and RDLV: in that order, three decimals, "-" where undefined. */
final class ExtraText {

    private static final List<String> ORDER = List.of("lpips", "jaccard", "rdlv");

    private ExtraText() {
    }

    static List<ExtraScore> ordered(List<ExtraScore> scores) {
        List<ExtraScore> out = new ArrayList<>(scores);
        out.sort(Comparator.comparingInt(s -> ORDER.indexOf(s.key()) < 0 ? ORDER.size() : ORDER.indexOf(s.key())));
        return out;
    }

    /** "Mean LPIPS-squeeze (approximate) 0.123 · Jaccard 0.400 · RDLV 0.850". */
    static String means(List<ExtraScore> scores) {
        List<String> parts = new ArrayList<>();
        for (ExtraScore s : scores) {
            parts.add(s.label() + " " + number(s.mean()));
        }
        return parts.isEmpty() ? "" : Messages.get("run.extra.means", String.join(" \u00b7 ", parts));
    }

    /** Short per-pair line: "LPIPS 0.123 · Jaccard 0.40 · RDLV 0.85" (the full names are in the tooltip). */
    static String pair(List<ExtraScore> scores, int i) {
        List<String> parts = new ArrayList<>();
        for (ExtraScore s : scores) {
            String name = s.key().equals("lpips") ? "LPIPS" : s.label();
            parts.add(name + " " + number(s.at(i)));
        }
        return String.join(" \u00b7 ", parts);
    }

    /** Each metric's exact variant, one per line (for tooltips). */
    static String variants(List<ExtraScore> scores) {
        List<String> lines = new ArrayList<>();
        for (ExtraScore s : scores) {
            lines.add(s.variant() + (s.lowerIsBetter() ? " (lower is better)" : " (higher is better)"));
        }
        return String.join("\n", lines);
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }
}
