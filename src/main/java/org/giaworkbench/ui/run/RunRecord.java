package org.giaworkbench.ui.run;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.ui.fx.Messages;

/**
 * One run of this session as the window sees it: live progress, the gallery, the chart series and,
 * once it ends, the outcome and the result. Fed with the run's events on the FX thread (or the test
 * thread); the run pane and the history show whichever record is selected.
 */
public final class RunRecord {

    /** Chart points per series; enough for a smooth line, few enough for a cheap redraw. */
    public static final int MAX_CHART_POINTS = 2000;

    /** Per-image PSNR at one snapshot, for the detail view's history. */
    public record ImageHistoryPoint(int iteration, double[] psnr, double[] ssim) {
    }

    private final ExperimentSpec spec;
    private final LocalTime startedAt = LocalTime.now();
    private long storedId;
    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(this, "state", RunState.STARTING);
    private final IntegerProperty iteration = new SimpleIntegerProperty(this, "iteration", 0);
    private final IntegerProperty totalIterations = new SimpleIntegerProperty(this, "totalIterations", 0);
    private final DoubleProperty iterationsPerSecond = new SimpleDoubleProperty(this, "iterationsPerSecond", 0);
    private final DoubleProperty elapsedSeconds = new SimpleDoubleProperty(this, "elapsedSeconds", 0);
    private final DoubleProperty loss = new SimpleDoubleProperty(this, "loss", Double.NaN);
    private final DoubleProperty psnr = new SimpleDoubleProperty(this, "psnr", Double.NaN);
    private final DoubleProperty ssim = new SimpleDoubleProperty(this, "ssim", Double.NaN);
    private final IntegerProperty liveArrays = new SimpleIntegerProperty(this, "liveArrays", 0);
    private final ObjectProperty<RunInfo> info = new SimpleObjectProperty<>(this, "info");
    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>(this, "result");
    private final StringProperty outcome = new SimpleStringProperty(this, "outcome", "");
    private final StringProperty hint = new SimpleStringProperty(this, "hint", "");
    private final ObservableList<GalleryPair> pairs = FXCollections.observableArrayList();
    private final DecimatedSeries lossSeries = new DecimatedSeries(MAX_CHART_POINTS);
    private final DecimatedSeries psnrSeries = new DecimatedSeries(MAX_CHART_POINTS);
    private final List<ImageHistoryPoint> imageHistory = new ArrayList<>();
    private final StringProperty extraMeans = new SimpleStringProperty(this, "extraMeans", "");
    /** The latest LPIPS/Jaccard/RDLV: snapshots between two extra-metric updates carry none, so these stay shown. */
    private List<ExtraScore> lastExtra = List.of();
    private ImageBatch truth;
    private int[] trueLabels = new int[0];
    private int lastLossIteration = -1;

    public RunRecord(ExperimentSpec spec) {
        this.spec = spec;
    }

    /** Applies one event of this run. */
    public void accept(RunEvent event) {
        if (event instanceof RunEvent.Started s) {
            truth = s.truth();
            trueLabels = s.trueLabels().clone();
            info.set(s.info());
            totalIterations.set(s.totalIterations());
            state.set(RunState.RUNNING);
        } else if (event instanceof RunEvent.Progress p) {
            iteration.set(p.iteration());
            if (p.totalIterations() > 0) {
                totalIterations.set(p.totalIterations());
            }
            iterationsPerSecond.set(p.iterationsPerSecond());
            elapsedSeconds.set(p.elapsedSeconds());
            loss.set(p.loss());
            liveArrays.set(p.liveArrays());
            if (p.iteration() > lastLossIteration && p.loss() > 0) {
                lossSeries.add(p.iteration(), Math.log10(p.loss()));
                lastLossIteration = p.iteration();
            }
        } else if (event instanceof RunEvent.Snapshot s) {
            showImages(s.reconstruction(), s.scores());
            psnrSeries.add(s.iteration(), s.scores().psnrMean());
            imageHistory.add(new ImageHistoryPoint(s.iteration(), s.scores().psnr().clone(), s.scores().ssim().clone()));
        } else if (event instanceof RunEvent.Finished f) {
            end(RunState.FINISHED, f.result(), null, "");
        } else if (event instanceof RunEvent.Cancelled c) {
            end(RunState.CANCELLED, c.bestSoFar(), null, "");
        } else if (event instanceof RunEvent.Failed f) {
            end(f.kind() == GiaException.Kind.DIVERGED ? RunState.DIVERGED : RunState.FAILED, f.partial(), f.message(),
                    f.hint());
        }
    }

    private void showImages(ImageBatch reconstruction, ImageScores scores) {
        if (scores == null) {
            return;
        }
        if (!scores.extra().isEmpty()) {
            lastExtra = ExtraText.ordered(scores.extra());
            extraMeans.set(ExtraText.means(lastExtra));
        }
        showImages(reconstruction, scores.psnr(), scores.ssim(), scores.psnrMean(), scores.ssimMean());
    }

    private void showImages(ImageBatch reconstruction, double[] psnrs, double[] ssims, double psnrMean, double ssimMean) {
        if (truth == null || reconstruction == null) {
            return;
        }
        List<GalleryPair> next = new ArrayList<>(truth.count());
        for (int i = 0; i < truth.count(); i++) {
            next.add(new GalleryPair(i, truth, reconstruction, i < trueLabels.length ? trueLabels[i] : -1,
                    i < psnrs.length ? psnrs[i] : Double.NaN, i < ssims.length ? ssims[i] : Double.NaN, lastExtra));
        }
        pairs.setAll(next);
        psnr.set(psnrMean);
        ssim.set(ssimMean);
    }

    /** What the experiment store keeps of an ended (or still running) run, to show it like a live one. */
    public record Stored(long id, ExperimentSpec spec, RunState state, String outcome, ImageBatch truth, int[] labels,
                         ImageBatch reconstruction, double[] psnr, double[] ssim, double psnrMean, double ssimMean,
                         List<SeriesPoint> series, int iterations, int totalIterations, double wallSeconds) {
    }

    /**
     * A record of a stored run: the gallery, charts and tiles read it exactly as they read a live run
     * (no result object: the stored run is shown, not exported from here).
     */
    public static RunRecord restored(Stored s) {
        RunRecord r = new RunRecord(s.spec());
        r.storedId = s.id();
        r.truth = s.truth();
        r.trueLabels = s.labels() == null ? new int[0] : s.labels().clone();
        r.totalIterations.set(s.totalIterations());
        r.iteration.set(s.iterations());
        r.elapsedSeconds.set(Double.isFinite(s.wallSeconds()) ? s.wallSeconds() : 0);
        // The run's average speed (the live value is gone).
        if (Double.isFinite(s.wallSeconds()) && s.wallSeconds() > 0) {
            r.iterationsPerSecond.set(s.iterations() / s.wallSeconds());
        }
        r.showImages(s.reconstruction(), s.psnr(), s.ssim(), s.psnrMean(), s.ssimMean());
        r.redrawSeries(s.series());
        if (!r.pairs.isEmpty()) {
            r.imageHistory.add(new ImageHistoryPoint(s.iterations(), s.psnr().clone(), s.ssim().clone()));
        }
        r.outcome.set(s.outcome() == null ? "" : s.outcome());
        r.state.set(s.state());
        return r;
    }

    /** The run's id in the experiment store; 0 for a run of this window. */
    public long storedId() {
        return storedId;
    }

    private void redrawSeries(List<SeriesPoint> series) {
        lossSeries.clear();
        psnrSeries.clear();
        for (SeriesPoint p : series) {
            if (p.loss() > 0) {
                lossSeries.add(p.iteration(), Math.log10(p.loss()));
            }
            if (Double.isFinite(p.psnr())) {
                psnrSeries.add(p.iteration(), p.psnr());
            }
        }
    }

    private void end(RunState terminal, RunResult r, String failure, String hintText) {
        result.set(r);
        if (r != null) {
            if (truth == null) {
                truth = r.truth();
                trueLabels = r.trueLabels().clone();
            }
            info.set(r.info());
            iteration.set(r.iterations());
            showImages(r.reconstruction(), r.scores());
            // The result's series has every iteration: redraw the charts from it rather than from the
            // coalesced live events, so a reopened run shows its exact history.
            redrawSeries(r.series());
        }
        String best = r == null ? "-" : String.format(Locale.ROOT, "%.2f", r.scores().psnrMean());
        int done = r == null ? iteration.get() : r.iterations();
        String key = "outcome." + terminal.name().toLowerCase(Locale.ROOT) + (r == null ? ".nothing" : "");
        outcome.set(Messages.get(key, best, done, failure == null ? "" : failure));
        hint.set(hintText == null ? "" : hintText);
        state.set(terminal);
    }

    /** Seconds left at the current speed; NaN while unknown. */
    public double etaSeconds() {
        double speed = iterationsPerSecond.get();
        int left = totalIterations.get() - iteration.get();
        return speed > 0 && left >= 0 ? left / speed : Double.NaN;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public LocalTime startedAt() {
        return startedAt;
    }

    public ImageBatch truth() {
        return truth;
    }

    public List<ImageHistoryPoint> imageHistory() {
        return Collections.unmodifiableList(imageHistory);
    }

    public ObjectProperty<RunState> stateProperty() {
        return state;
    }

    public IntegerProperty iterationProperty() {
        return iteration;
    }

    public IntegerProperty totalIterationsProperty() {
        return totalIterations;
    }

    public DoubleProperty iterationsPerSecondProperty() {
        return iterationsPerSecond;
    }

    public DoubleProperty elapsedSecondsProperty() {
        return elapsedSeconds;
    }

    public DoubleProperty lossProperty() {
        return loss;
    }

    public DoubleProperty psnrProperty() {
        return psnr;
    }

    public DoubleProperty ssimProperty() {
        return ssim;
    }

    public IntegerProperty liveArraysProperty() {
        return liveArrays;
    }

    public ObjectProperty<RunInfo> infoProperty() {
        return info;
    }

    public ObjectProperty<RunResult> resultProperty() {
        return result;
    }

    /** One line: how the run ended (empty while it runs). */
    public StringProperty outcomeProperty() {
        return outcome;
    }

    /** How to fix a failure; empty otherwise. */
    public StringProperty hintProperty() {
        return hint;
    }

    /** One line with the mean LPIPS, Jaccard and RDLV (empty until computed). */
    public StringProperty extraMeansProperty() {
        return extraMeans;
    }

    public ObservableList<GalleryPair> pairs() {
        return pairs;
    }

    /** log10 of the attack loss against the iteration. */
    public DecimatedSeries lossSeries() {
        return lossSeries;
    }

    /** Mean PSNR (dB) against the iteration. */
    public DecimatedSeries psnrSeries() {
        return psnrSeries;
    }

    /** Short title for lists, e.g. "#2 dlg on lenet-dlg, batch 1". */
    public String title(long number) {
        if (storedId > 0) {
            return Messages.get("history.storedTitle", storedId, spec.attack().id(), spec.model().arch(), spec.data().batch());
        }
        return Messages.get("history.title", number, spec.attack().id(), spec.model().arch(),
                spec.data().batch());
    }
}
