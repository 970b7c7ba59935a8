package org.giaworkbench.store;

/**
 * A filter over the history; null fields do not filter. Newest first.
 *
 * @param limit at most this many runs (0: all)
 */
public record RunQuery(String attack, String model, String dataset, StoredStatus status, String sweepId, int limit) {

    public static RunQuery all() {
        return new RunQuery(null, null, null, null, null, 0);
    }

    public RunQuery withAttack(String a) {
        return new RunQuery(a, model, dataset, status, sweepId, limit);
    }

    public RunQuery withModel(String m) {
        return new RunQuery(attack, m, dataset, status, sweepId, limit);
    }

    public RunQuery withDataset(String d) {
        return new RunQuery(attack, model, d, status, sweepId, limit);
    }

    public RunQuery withStatus(StoredStatus s) {
        return new RunQuery(attack, model, dataset, s, sweepId, limit);
    }

    public RunQuery withSweep(String s) {
        return new RunQuery(attack, model, dataset, status, s, limit);
    }

    public RunQuery withLimit(int n) {
        return new RunQuery(attack, model, dataset, status, sweepId, n);
    }
}
