package org.giaworkbench.compute;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.metric.ImageComparison;
import org.giaworkbench.metric.ImageMetrics;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * One run's state on the compute thread: the run-scoped manager, the best guess so far, the metric
 * history, and the throttled stream of progress and snapshot events. It is the only object that holds
 * both the attack's guesses and the ground truth, so it alone computes image metrics.
 */
final class RunSession implements AttackContext {

    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    private static final long SNAPSHOT_INTERVAL_NANOS = 1_000_000_000L;
    /** Beyond this many points the stored history keeps every k-th iteration (bounded memory for long runs). */
    private static final int SERIES_BUDGET = 50_000;

    private final long runId;
    private final NDManager runManager;
    private final GradientOracle oracle;
    private final CancellationToken token;
    private final RunEventSink sink;
    private final long seed;
    private final int snapshotEvery;
    private final ImageBatch truth;
    private final Normalization normalization;
    private final long startNanos = System.nanoTime();

    private int totalIterations = 1;
    private float[] best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestIteration;
    private int lastIteration;
    private int recordedIteration;
    private double lastLoss = Double.NaN;
    private int[] labels;
    private final List<SeriesPoint> series = new ArrayList<>();
    private int seriesStride = 1;
    private long lastProgressNanos;
    private long lastSnapshotNanos = System.nanoTime();
    private int lastSnapshotIteration;
    private boolean dirtySinceSnapshot;
    private ExtraMetrics extras;
    /**
     * LPIPS/RDLV at most this often at snapshots: a run with snapshotEvery=1 must not pay them per iteration
     * (about 20-300 ms per batch of 2 on a 2-core CPU, depending on load).
     */
    private static final long EXTRAS_INTERVAL_NANOS = 2_000_000_000L;
    private long lastExtrasNanos;

    RunSession(long runId, NDManager runManager, GradientOracle oracle, CancellationToken token, RunEventSink sink,
               long seed, int snapshotEvery, ImageBatch truth, Normalization normalization) {
        this.runId = runId;
        this.runManager = runManager;
        this.oracle = oracle;
        this.token = token;
        this.sink = sink;
        this.seed = seed;
        this.snapshotEvery = Math.max(1, snapshotEvery);
        this.truth = truth;
        this.normalization = normalization;
    }

    /** Adds LPIPS, RDLV (every snapshot) and Jaccard (final result) to the scores. */
    void useExtraMetrics(ExtraMetrics metrics) {
        this.extras = metrics;
    }

    @Override
    public NDManager runManager() {
        return runManager;
    }

    @Override
    public GradientOracle gradients() {
        return oracle;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void checkCancelled() {
        token.throwIfCancelled();
    }

    @Override
    public void expectIterations(int total) {
        totalIterations = Math.max(1, total);
    }

    int totalIterations() {
        return totalIterations;
    }

    @Override
    public void report(int iteration, double loss, float[] images) {
        if (!Double.isFinite(loss)) {
            throw new GiaException(GiaException.Kind.DIVERGED, "the attack diverged: loss became " + loss
                    + " at iteration " + iteration, "lower the learning rate (attack.lr) or use another seed; "
                    + "the best reconstruction so far is kept");
        }
        if (images.length != truth.pixels().length) {
            throw new IllegalStateException("attack reported " + images.length + " image values, batch has " + truth.pixels().length);
        }
        if (loss < bestLoss) {
            bestLoss = loss;
            best = images.clone();
            bestIteration = iteration;
            dirtySinceSnapshot = true;
        }
        if (iteration != lastIteration && lastIteration > 0) {
            closeIteration();
        }
        lastIteration = iteration;
        lastLoss = loss;
        long now = System.nanoTime();
        if (now - lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
            lastProgressNanos = now;
            double elapsed = (now - startNanos) / 1e9;
            sink.accept(new RunEvent.Progress(runId, iteration, totalIterations, loss, bestLoss,
                    elapsed > 0 ? iteration / elapsed : 0, elapsed, liveArrays()));
        }
        boolean due = iteration - lastSnapshotIteration >= snapshotEvery || now - lastSnapshotNanos >= SNAPSHOT_INTERVAL_NANOS;
        if (due && dirtySinceSnapshot) {
            snapshot(iteration);
        }
    }

    /** Native arrays held by this run's manager and its open sub-managers. */
    private int liveArrays() {
        return runManager instanceof BaseNDManager b ? b.getManagedArrays().size() : -1;
    }

    private final java.util.Map<String, Double> attackMetrics = new java.util.LinkedHashMap<>();

    @Override
    public void reportMetric(String key, double value) {
        attackMetrics.put(key, value);
    }

    java.util.Map<String, Double> attackMetrics() {
        return attackMetrics;
    }

    @Override
    public void reportLabels(int[] recovered) {
        labels = recovered == null ? null : recovered.clone();
    }

    private void snapshot(int iteration) {
        lastSnapshotNanos = System.nanoTime();
        lastSnapshotIteration = iteration;
        dirtySinceSnapshot = false;
        ImageBatch recon = bestImages();
        ImageScores lastScores = score(recon);
        record(iteration, lastLoss, lastScores.psnrMean(), lastScores.ssimMean());
        sink.accept(new RunEvent.Snapshot(runId, iteration, recon.select(lastScores.order()), lastScores));
    }

    /**
     * The series holds each iteration's loss at its end. A time-based snapshot can fall inside an
     * iteration of several evaluations (L-BFGS): its point then gets the iteration's final loss, so
     * the series does not depend on when the clock triggered the snapshot.
     */
    private void closeIteration() {
        if (recordedIteration != lastIteration) {
            record(lastIteration, lastLoss, Double.NaN, Double.NaN);
            return;
        }
        int at = series.size() - 1;
        if (at >= 0 && series.get(at).iteration() == lastIteration && series.get(at).loss() != lastLoss) {
            SeriesPoint p = series.get(at);
            series.set(at, new SeriesPoint(p.iteration(), lastLoss, p.psnr(), p.ssim()));
        }
    }

    private void record(int iteration, double loss, double psnr, double ssim) {
        recordedIteration = iteration;
        if (!Double.isNaN(psnr) || iteration % seriesStride == 0) {
            series.add(new SeriesPoint(iteration, loss, psnr, ssim));
        }
        if (series.size() > SERIES_BUDGET) {
            seriesStride *= 2;
            series.removeIf(p -> Double.isNaN(p.psnr()) && p.iteration() % seriesStride != 0);
        }
    }

    /** The best guess, de-normalised to [0, 1] images (values may leave the range; metrics clamp). */
    ImageBatch bestImages() {
        float[] source = best != null ? best : new float[truth.pixels().length];
        float[] pixels = normalization.denormalize(source, truth.channels(), truth.height(), truth.width());
        return new ImageBatch(pixels, truth.count(), truth.channels(), truth.height(), truth.width());
    }

    /** Snapshot scores: PSNR, SSIM and (at most every 2 s; else none) the cheap extra metrics. */
    ImageScores score(ImageBatch recon) {
        return score(recon, false);
    }

    /** Scores with every metric (the final result). */
    ImageScores finalScore(ImageBatch recon) {
        return score(recon, true);
    }

    private ImageScores score(ImageBatch recon, boolean all) {
        ImageComparison c = ImageMetrics.compare(truth, recon, truth.count() > 1);
        List<ExtraScore> more = List.of();
        boolean extrasDue = all || System.nanoTime() - lastExtrasNanos >= EXTRAS_INTERVAL_NANOS;
        if (extras != null && extrasDue) {
            lastExtrasNanos = System.nanoTime();
            ImageBatch paired = recon.select(c.order());
            try {
                more = all ? extras.all(paired) : extras.snapshot(paired);
            } catch (RuntimeException e) {
                // A failing extra metric must not cost the run its result: report it and keep PSNR/SSIM.
                System.getLogger(RunSession.class.getName()).log(System.Logger.Level.WARNING,
                        "extra metrics failed: " + e.getMessage(), e);
            }
        }
        return new ImageScores(c.order(), c.psnr(), c.ssim(), c.psnrMean(), c.ssimMean(),
                ImageComparison.PSNR_VARIANT, ImageComparison.SSIM_VARIANT,
                truth.count() > 1 ? ImageComparison.PAIRING_VARIANT : "none (one image)", more);
    }

    /** Closes the history: the last iteration's loss and a final metric point. */
    List<SeriesPoint> finishSeries(ImageScores finalScores) {
        if (lastIteration > 0 && recordedIteration != lastIteration) {
            record(lastIteration, lastLoss, finalScores.psnrMean(), finalScores.ssimMean());
        } else {
            closeIteration();
        }
        return List.copyOf(series);
    }

    boolean hasGuess() {
        return best != null;
    }

    double bestLoss() {
        return bestLoss;
    }

    int bestIteration() {
        return bestIteration;
    }

    int iterationsDone() {
        return lastIteration;
    }

    int[] labels() {
        return labels == null ? null : Arrays.copyOf(labels, labels.length);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
