package org.giaworkbench.ui.sweep;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.sweep.SweepCell;
import org.giaworkbench.sweep.SweepPlan;
import org.giaworkbench.sweep.SweepResults;
import org.giaworkbench.sweep.SweepRunner;
import org.giaworkbench.ui.fx.Messages;

/**
 * A sweep in progress as the dialog shows it: runs the plan through a {@link SweepService} on a
 * thread of its own, and publishes where it stands (cell i of N, the cell's progress) and the
 * results so far through the UI executor. Properties change on the UI thread only.
 */
public final class SweepRunModel {

    private final SweepService service;
    private final Executor ui;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);
    private final IntegerProperty cellNumber = new SimpleIntegerProperty(this, "cellNumber", 0);
    private final IntegerProperty cellCount = new SimpleIntegerProperty(this, "cellCount", 0);
    private final DoubleProperty cellProgress = new SimpleDoubleProperty(this, "cellProgress", 0);
    private final DoubleProperty overallProgress = new SimpleDoubleProperty(this, "overallProgress", 0);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObservableList<SweepResults.GroupStats> groups = FXCollections.observableArrayList();
    private final ObjectProperty<SweepResults> results = new SimpleObjectProperty<>(this, "results");
    // The compute thread reports every iteration; only the newest fraction is carried to the UI.
    private final AtomicLong latestFraction = new AtomicLong();
    private final AtomicBoolean fractionQueued = new AtomicBoolean();
    private SweepPlan plan;

    public SweepRunModel(SweepService service, Executor ui) {
        this.service = service;
        this.ui = ui;
    }

    /** Starts the sweep (call on the UI thread); false when one is already going. */
    public boolean start(SweepPlan p) {
        if (running.get()) {
            return false;
        }
        plan = p;
        groups.clear();
        results.set(null);
        running.set(true);
        cellCount.set(p.cells().size());
        cellNumber.set(0);
        cellProgress.set(0);
        overallProgress.set(0);
        status.set(Messages.get("sweep.starting", p.sweepId()));
        Thread t = new Thread(() -> runAll(p), "gia-sweep");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void runAll(SweepPlan p) {
        int n = p.cells().size();
        String end;
        try {
            SweepRunner.Outcome o = service.run(p, new SweepRunner.Listener() {
                @Override
                public void skipped(int index, SweepCell cell, long runId) {
                    cellDone(p, index);
                }

                private int stacked = 1;

                @Override
                public void group(java.util.List<Integer> indices) {
                    stacked = indices.size();
                    if (stacked > 1) {
                        int first = indices.get(0);
                        ui.execute(() -> {
                            cellNumber.set(first + 1);
                            cellProgress.set(0);
                            status.set(Messages.get("sweep.cell", first + 1, n, indices.size() + " cells stacked on the GPU"));
                        });
                    }
                }

                @Override
                public void started(int index, SweepCell cell) {
                    if (stacked > 1) {
                        return; // the group's line says which cells run
                    }
                    ui.execute(() -> {
                        cellNumber.set(index + 1);
                        cellProgress.set(0);
                        status.set(Messages.get("sweep.cell", index + 1, n, cell.key()));
                    });
                }

                @Override
                public void event(int index, SweepCell cell, RunEvent event) {
                    if (event instanceof RunEvent.Progress pr && pr.totalIterations() > 0) {
                        progress(index, n, Math.min(1.0, pr.iteration() / (double) pr.totalIterations()));
                    }
                }

                @Override
                public void ended(int index, SweepCell cell, RunSummary run) {
                    cellDone(p, index);
                }
            });
            end = o.cancelled() ? Messages.get("sweep.cancelled")
                    : Messages.get("sweep.done", o.total(), o.skipped(), o.notFinished());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = Messages.get("sweep.cancelled");
        } catch (RuntimeException e) {
            end = Messages.get("sweep.failed", e.getMessage());
        }
        String text = end;
        ui.execute(() -> {
            status.set(text);
            running.set(false);
        });
    }

    private void progress(int index, int n, double fraction) {
        latestFraction.set(Double.doubleToLongBits(fraction));
        if (fractionQueued.compareAndSet(false, true)) {
            ui.execute(() -> {
                fractionQueued.set(false);
                double f = Double.longBitsToDouble(latestFraction.get());
                cellProgress.set(f);
                overallProgress.set((index + f) / n);
            });
        }
    }

    /** After each cell (run or found in the store): re-read the sweep's statistics, on the sweep thread. */
    private void cellDone(SweepPlan p, int index) {
        SweepResults r = service.collect(p);
        ui.execute(() -> {
            cellNumber.set(index + 1);
            cellProgress.set(1);
            overallProgress.set((index + 1.0) / p.cells().size());
            results.set(r);
            groups.setAll(r.groups());
        });
    }

    /** Stops the running cell and the sweep after it; finished cells stay in the store for a resume. */
    public void cancel() {
        service.cancel();
    }

    /** The plan last started, or null. */
    public SweepPlan plan() {
        return plan;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** 1-based number of the cell that runs now. */
    public IntegerProperty cellNumberProperty() {
        return cellNumber;
    }

    public IntegerProperty cellCountProperty() {
        return cellCount;
    }

    public DoubleProperty cellProgressProperty() {
        return cellProgress;
    }

    public DoubleProperty overallProgressProperty() {
        return overallProgress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Statistics per group of cells (same factor values over the seeds), updated after every cell. */
    public ObservableList<SweepResults.GroupStats> groups() {
        return groups;
    }

    /** The latest results (for the CSV export), or null. */
    public ObjectProperty<SweepResults> resultsProperty() {
        return results;
    }
}
