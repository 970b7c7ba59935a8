package org.giaworkbench.ui.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the history writes dates, metrics and durations (one place, for the table and the banners). */
final class HistoryFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private HistoryFormat() {
    }

    static String date(Instant t) {
        return DATE.format(t.atZone(ZoneId.systemDefault()));
    }

    static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    /** 42.0 -> "42 s", 754 -> "12:34". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long t = Math.round(seconds);
        return t < 3600 ? String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    }
}
