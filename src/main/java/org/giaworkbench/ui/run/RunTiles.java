package org.giaworkbench.ui.run;

import eu.hansolo.tilesfx.Tile;
import java.util.List;
import java.util.Locale;
import javafx.scene.paint.Color;
import org.giaworkbench.ui.fx.Messages;

/**
 * The run pane's four TilesFX tiles: PSNR, SSIM and speed as {@link Tile.SkinType#SPARK_LINE} tiles
 * (value, unit, and a sparkline of the recent values with their low and high), the iteration as a
 * {@link Tile.SkinType#NUMBER} tile with the total below it. TilesFX sizes every text from the smaller
 * side of the tile, so the tiles are kept at least {@link #MIN_WIDTH} x {@link #MIN_HEIGHT}: smaller, the
 * title and unit shrink below legibility. Their colours are set in code from {@link #paint}, with the
 * palette of {@code workbench.css} (TilesFX paints its texts itself and does not read CSS).
 *
 * <p>A SPARK_LINE tile cannot forget its sparkline, so showing another run builds new tiles.
 */
final class RunTiles {

    static final double PREF_WIDTH = 220;
    static final double PREF_HEIGHT = 150;
    static final double MIN_WIDTH = 200;
    static final double MIN_HEIGHT = 140;
    /** Values a sparkline spans: the last 120 updates (12 s of speed at 10 progress events a second). */
    static final int SPARK_POINTS = 120;

    final Tile psnr;
    final Tile ssim;
    final Tile iteration;
    final Tile speed;
    private int shownTotal = -1;

    RunTiles() {
        // The skin clamps what it shows to [min, max]: wide ranges, so no value is ever cut.
        psnr = spark("tile-psnr", Messages.get("tile.psnr"), "dB", 2, 0, 1000);
        ssim = spark("tile-ssim", Messages.get("tile.ssim"), "", 3, -1, 1);
        speed = spark("tile-speed", Messages.get("tile.speed"), "it\u2044s", 1, 0, 1e7);
        iteration = tile(Tile.SkinType.NUMBER, "tile-iteration", Messages.get("tile.iteration"), "", 0, 0, Integer.MAX_VALUE);
        for (Tile t : all()) {
            t.setValueVisible(false); // "no value yet" rather than a made-up 0
        }
    }

    List<Tile> all() {
        return List.of(psnr, ssim, iteration, speed);
    }

    private static Tile spark(String id, String title, String unit, int decimals, double min, double max) {
        return tile(Tile.SkinType.SPARK_LINE, id, title, unit, decimals, min, max);
    }

    private static Tile tile(Tile.SkinType skin, String id, String title, String unit, int decimals, double min,
            double max) {
        Tile t = new ThemedTile(skin);
        t.setId(id);
        t.setAnimated(false);
        t.setLocale(Locale.ROOT);
        t.setTextSize(Tile.TextSize.BIGGER);
        t.setRoundedCorners(true);
        t.setPrefSize(PREF_WIDTH, PREF_HEIGHT);
        t.setMinSize(MIN_WIDTH, MIN_HEIGHT);
        t.setMaxSize(PREF_WIDTH * 1.25, PREF_HEIGHT);
        t.setTitle(title);
        t.setUnit(unit);
        t.setDecimals(decimals);
        t.setTickLabelDecimals(decimals);
        t.setMinValue(min);
        t.setMaxValue(max);
        if (skin == Tile.SkinType.SPARK_LINE) {
            t.setAveragingPeriod(SPARK_POINTS);
            t.setAverageVisible(false);
            t.setSmoothing(false);
        }
        // A visible, empty text: the spark line skin then shows no wall-clock time and time span.
        t.setTextVisible(true);
        t.setText("");
        return t;
    }

    /** A tile with the user-agent stylesheet {@code css/tile.css} (see there why). */
    static final class ThemedTile extends Tile {
        private static final String STYLESHEET = RunTiles.class.getResource("/css/tile.css").toExternalForm();

        ThemedTile(SkinType skin) {
            super(skin);
        }

        @Override
        public String getUserAgentStylesheet() {
            return STYLESHEET;
        }
    }

    /** Shows {@code v}; a non-finite value (no snapshot yet, a perfect PSNR) leaves the tile as it was. */
    static void set(Tile t, double v) {
        if (!Double.isFinite(v)) {
            return;
        }
        if (!t.isValueVisible()) {
            t.setValueVisible(true);
        }
        t.setValue(v);
    }

    void setIteration(int it, int total) {
        set(iteration, it);
        if (total != shownTotal) {
            shownTotal = total;
            iteration.setText(total > 0 ? Messages.get("tile.iteration.of", total) : "");
        }
    }

    /** The theme's colours: the same values as the looked-up colours of workbench.css. */
    void paint(boolean dark) {
        Color background = Color.web(dark ? "#21252d" : "#ffffff");
        Color border = Color.web(dark ? "#3a404c" : "#d5dae3");
        Color text = Color.web(dark ? "#e4e8ef" : "#1c2230");
        Color muted = Color.web(dark ? "#9aa3b3" : "#5d6678");
        Color accent = Color.web(dark ? "#5b8ff0" : "#2f6bd6");
        Color chart2 = Color.web(dark ? "#f08a52" : "#d0622b");
        for (Tile t : all()) {
            t.setBackgroundColor(background);
            t.setBorderColor(border);
            t.setBorderWidth(1);
            t.setTitleColor(muted);
            t.setValueColor(text);
            t.setUnitColor(muted);
            t.setTextColor(muted);
            t.setDescriptionColor(muted);
            t.setForegroundColor(text);
            t.setBarColor(t == psnr ? chart2 : accent);
        }
    }
}
