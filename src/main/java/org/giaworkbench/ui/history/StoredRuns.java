package org.giaworkbench.ui.history;

import java.util.List;
import java.util.Locale;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunSummary;
import org.giaworkbench.store.StoredRun;
import org.giaworkbench.store.StoredStatus;
import org.giaworkbench.ui.fx.Messages;
import org.giaworkbench.ui.run.RunRecord;
import org.giaworkbench.ui.run.RunState;

/** Reads what the run pane needs of a stored run (on the store thread: this is all JDBC and PNG decoding). */
final class StoredRuns {

    private StoredRuns() {
    }

    static RunRecord.Stored load(ExperimentStore store, long id) {
        StoredRun run = store.require(id);
        List<SeriesPoint> series = store.series(id);
        ImageBatch truth = store.images(id, StoredRun.ImageKind.TRUTH).orElse(null);
        ImageBatch recon = store.images(id, StoredRun.ImageKind.RECONSTRUCTION).orElse(null);
        RunSummary s = run.summary();
        RunState state = state(s.status());
        return new RunRecord.Stored(id, run.spec(), state, outcome(run, state), truth, run.trueLabels(), recon, run.psnr(),
                run.ssim(), s.psnrMean(), s.ssimMean(), series, s.iterations(), run.totalIterations(), s.wallSeconds());
    }

    static RunState state(StoredStatus status) {
        return switch (status) {
            case RUNNING -> RunState.RUNNING;
            case FINISHED -> RunState.FINISHED;
            case CANCELLED -> RunState.CANCELLED;
            case DIVERGED -> RunState.DIVERGED;
            case FAILED -> RunState.FAILED;
            case INTERRUPTED -> RunState.INTERRUPTED;
        };
    }

    /** The banner line: the status, the stored message, the final mean PSNR and when it ran. */
    private static String outcome(StoredRun run, RunState state) {
        RunSummary s = run.summary();
        String psnr = Double.isFinite(s.psnrMean()) ? String.format(Locale.ROOT, "%.2f", s.psnrMean()) : "-";
        // A finished run's message is just "finished"; others say why they ended.
        String why = run.message() == null || state == RunState.FINISHED ? "" : run.message();
        return Messages.get("history.outcome", Messages.get(state.messageKey()), run.id(), psnr, s.iterations(),
                HistoryFormat.date(s.createdAt()), why);
    }
}
