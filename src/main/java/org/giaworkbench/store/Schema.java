package org.giaworkbench.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as an ordered list of migrations: version {@code n} is reached by running steps
 * 1..n in order, each in one transaction that also records the new version in {@code schema_version}.
 * Never edit a released step; append a new one.
 */
final class Schema {

    /** Step {@code i} (0-based) takes the database from version {@code i} to {@code i + 1}. */
    static final List<String[]> STEPS = List.of(
            // v1: runs, their series, content-addressed images and per-image links.
            new String[] {
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
                """
                CREATE TABLE runs (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  created_ms INTEGER NOT NULL,
                  name TEXT, attack TEXT, model TEXT, dataset TEXT, batch INTEGER,
                  spec_json TEXT NOT NULL, seed INTEGER,
                  status TEXT NOT NULL, message TEXT,
                  device TEXT, versions_json TEXT, parameter_count INTEGER,
                  total_iterations INTEGER, iterations INTEGER, best_loss REAL, wall_seconds REAL,
                  finished_ms INTEGER, psnr_mean REAL, ssim_mean REAL, label_accuracy REAL,
                  true_labels TEXT, recovered_labels TEXT,
                  owner_pid INTEGER, owner_start TEXT, heartbeat_ms INTEGER)""",
                "CREATE INDEX runs_created ON runs (created_ms)",
                """
                CREATE TABLE series (
                  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                  iteration INTEGER NOT NULL, loss REAL, psnr REAL, ssim REAL,
                  PRIMARY KEY (run_id, iteration)) WITHOUT ROWID""",
                "CREATE TABLE images (hash TEXT PRIMARY KEY, png BLOB NOT NULL, width INTEGER, height INTEGER, channels INTEGER)",
                """
                CREATE TABLE run_images (
                  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                  kind TEXT NOT NULL, idx INTEGER NOT NULL, hash TEXT NOT NULL REFERENCES images (hash),
                  psnr REAL, ssim REAL,
                  PRIMARY KEY (run_id, kind, idx))"""
            },
            // v2: sweeps (runs tagged with a sweep and cell) and extra named metrics per run.
            new String[] {
                "ALTER TABLE runs ADD COLUMN sweep_id TEXT",
                "ALTER TABLE runs ADD COLUMN cell_key TEXT",
                "CREATE INDEX runs_sweep ON runs (sweep_id, cell_key)",
                "CREATE TABLE sweeps (id TEXT PRIMARY KEY, created_ms INTEGER NOT NULL, definition_json TEXT NOT NULL)",
                """
                CREATE TABLE run_metrics (
                  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                  name TEXT NOT NULL, value REAL,
                  PRIMARY KEY (run_id, name))"""
            });

    static final int LATEST = STEPS.size();

    private Schema() {
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'")) {
            if (!rs.next()) {
                return 0;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Brings the database to {@code target} (tests use a lower target to build an old store). */
    static int migrate(Connection c, int target) throws SQLException {
        int from = version(c);
        if (from > LATEST) {
            throw new SQLException("the store has schema version " + from + ", newer than this program's " + LATEST);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int v = from; v < target; v++) {
                try (Statement s = c.createStatement()) {
                    // Another process may have migrated while we waited for the write lock.
                    if (version(c) > v) {
                        continue;
                    }
                    for (String sql : STEPS.get(v)) {
                        s.execute(sql);
                    }
                    s.execute("DELETE FROM schema_version");
                    s.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return from;
    }
}
