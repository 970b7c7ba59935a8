package org.giaworkbench.store;

import java.time.Instant;

/**
 * One line of the history: what a table of runs shows.
 *
 * @param psnrMean NaN while no metric is known (a run that failed before its first snapshot)
 * @param sweepId  the sweep the run belongs to, or null
 * @param cellKey  the sweep cell (factor values and seed index), or null
 */
public record RunSummary(long id, Instant createdAt, String name, String attack, String model, String dataset,
                         int batch, StoredStatus status, double psnrMean, double ssimMean, int iterations,
                         double wallSeconds, String sweepId, String cellKey) {
}
