package org.giaworkbench.ui.sweep;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.ui.fx.Messages;

/**
 * A sweep in progress: runs the plan's cells one after the other on a thread of its own (which only
 * waits on the executor), and publishes where it stands and the results so far through the UI
 * executor. Properties change on the UI thread only.
 */
public final class SweepRunModel {

    private final SweepExecutor executor;
    private final Executor ui;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);
    private final IntegerProperty cellNumber = new SimpleIntegerProperty(this, "cellNumber", 0);
    private final IntegerProperty cellCount = new SimpleIntegerProperty(this, "cellCount", 0);
    private final DoubleProperty cellProgress = new SimpleDoubleProperty(this, "cellProgress", 0);
    private final DoubleProperty overallProgress = new SimpleDoubleProperty(this, "overallProgress", 0);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObservableList<SweepResults.CellResult> results = FXCollections.observableArrayList();
    private final ObservableList<SweepResults.Row> rows = FXCollections.observableArrayList();
    private volatile boolean cancelled;
    private SweepPlan plan;

    public SweepRunModel(SweepExecutor executor, Executor ui) {
        this.executor = executor;
        this.ui = ui;
    }

    /** Starts the sweep (call on the UI thread); false when one is already going. */
    public boolean start(SweepPlan p) {
        if (running.get()) {
            return false;
        }
        plan = p;
        List<SweepPlan.Cell> cells = p.cells();
        cancelled = false;
        results.clear();
        rows.clear();
        running.set(true);
        cellCount.set(cells.size());
        cellNumber.set(0);
        cellProgress.set(0);
        overallProgress.set(0);
        status.set(Messages.get("sweep.starting", p.sweepId()));
        Thread t = new Thread(() -> runAll(p, cells), "gia-sweep");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private void runAll(SweepPlan p, List<SweepPlan.Cell> cells) {
        String sweepId = p.sweepId();
        int reused = 0;
        String end;
        try {
            executor.begin(p);
            for (SweepPlan.Cell cell : cells) {
                if (cancelled) {
                    break;
                }
                int i = cell.index();
                ui.execute(() -> {
                    cellNumber.set(i + 1);
                    cellProgress.set(0);
                    status.set(Messages.get("sweep.cell", i + 1, cells.size(), cell.key()));
                });
                SweepResults.CellResult r = executor.run(sweepId, cell, f -> ui.execute(() -> {
                    cellProgress.set(f);
                    overallProgress.set((i + f) / cells.size());
                }));
                reused += r.reused() ? 1 : 0;
                ui.execute(() -> {
                    results.add(r);
                    rows.setAll(SweepResults.summarise(results));
                    overallProgress.set((i + 1.0) / cells.size());
                });
            }
            end = cancelled ? Messages.get("sweep.cancelled") : Messages.get("sweep.done", cells.size(), reused);
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

    /** Stops the running cell and the sweep after it; finished cells stay in the store for a resume. */
    public void cancel() {
        cancelled = true;
        executor.cancel();
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

    public ObservableList<SweepResults.CellResult> results() {
        return results;
    }

    /** Results per group (mean, std, n), updated after every cell. */
    public ObservableList<SweepResults.Row> rows() {
        return rows;
    }
}
