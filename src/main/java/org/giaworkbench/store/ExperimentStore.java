package org.giaworkbench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.StoredRun.ImageKind;
import org.giaworkbench.store.StoredRun.ImageRef;

/**
 * The experiment store: one SQLite file in WAL mode, so that another process (the CLI while the window
 * is open, or the reverse) reads while one writes. Thread-safe: one connection, used under a lock.
 *
 * <p>Opening it migrates the schema, marks runs whose process has died as interrupted (they keep what
 * was written), and moves a corrupt file aside (with a timestamp) before starting a fresh store; what
 * happened is in {@link #notices()}.
 */
public final class ExperimentStore implements AutoCloseable {

    private static final int BUSY_TIMEOUT_MS = 15_000;

    private final Path file;
    private final Connection conn;
    private final List<String> notices;
    private final Object lock = new Object();

    private ExperimentStore(Path file, Connection conn, List<String> notices) {
        this.file = file;
        this.conn = conn;
        this.notices = List.copyOf(notices);
    }

    /** The store at {@link StoreLocation#resolve} of {@code explicit} (null: the default). */
    public static ExperimentStore openDefault(Path explicit) {
        return open(StoreLocation.resolve(explicit));
    }

    public static ExperimentStore open(Path file) {
        return open(file, Schema.LATEST);
    }

    /** Opens at a given schema version: tests build old stores with it. */
    static ExperimentStore open(Path file, int schemaVersion) {
        List<String> notices = new ArrayList<>();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw GiaException.badInput("cannot create the folder of the experiment store " + file + ": " + e.getMessage(),
                    "choose another location with --db or -Dgia.db=FILE");
        }
        Connection c;
        try {
            c = connect(file, schemaVersion, notices);
        } catch (SQLException e) {
            if (!isCorruption(e)) {
                throw GiaException.badInput("cannot open the experiment store " + file + ": " + e.getMessage(),
                        "another program may hold it locked; retry, or use another file with --db");
            }
            Path aside = moveAside(file);
            notices.add("the experiment store " + file + " was damaged (" + e.getMessage() + "); it was moved to "
                    + aside + " and a new, empty store was created");
            try {
                c = connect(file, schemaVersion, notices);
            } catch (SQLException again) {
                throw GiaException.badInput("cannot create a fresh experiment store " + file + ": " + again.getMessage(),
                        "use another file with --db");
            }
        }
        return new ExperimentStore(file, c, notices);
    }

    private static Connection connect(Path file, int schemaVersion, List<String> notices) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
                try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                    String result = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equalsIgnoreCase(result)) {
                        throw new SQLException("integrity check failed: " + result, "corrupt", 11);
                    }
                }
            }
            int from = Schema.migrate(c, schemaVersion);
            if (from > 0 && from < schemaVersion) {
                notices.add("the experiment store was upgraded from schema version " + from + " to " + schemaVersion);
            }
            if (schemaVersion >= 1) {
                int n = recoverInterrupted(c);
                if (n > 0) {
                    notices.add(n + (n == 1 ? " run was" : " runs were") + " interrupted (the process that ran "
                            + (n == 1 ? "it" : "them") + " ended) and marked so; what was written is kept");
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static boolean isCorruption(SQLException e) {
        // SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), also as extended codes.
        int code = e.getErrorCode() & 0xff;
        String m = String.valueOf(e.getMessage());
        return code == 11 || code == 26 || m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB")
                || m.contains("file is not a database") || m.contains("malformed");
    }

    private static Path moveAside(Path file) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw GiaException.badInput("the experiment store " + file + " is damaged and cannot be moved aside: "
                    + e.getMessage(), "move or delete it by hand, or use another file with --db");
        }
        return aside;
    }

    /** Runs left 'running' by a process that no longer exists become 'interrupted'. */
    private static int recoverInterrupted(Connection c) throws SQLException {
        List<Long> dead = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, owner_pid, owner_start FROM runs WHERE status = 'running'")) {
            while (rs.next()) {
                if (!Owner.alive(rs.getLong(2), rs.getString(3))) {
                    dead.add(rs.getLong(1));
                }
            }
        }
        if (dead.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status = 'interrupted', message = "
                + "'its process ended during the run (results up to the last write are kept)' "
                + "WHERE id = ? AND status = 'running'")) {
            for (long id : dead) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return dead.size();
    }

    /** Which process writes a run: its pid and start time (a reused pid has another start time). */
    static final class Owner {
        static final long PID = ProcessHandle.current().pid();
        static final String START = start(ProcessHandle.current());

        private Owner() {
        }

        static String start(ProcessHandle p) {
            return p.info().startInstant().map(Instant::toString).orElse("");
        }

        static boolean alive(long pid, String startedAt) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            return p.isPresent() && p.get().isAlive() && start(p.get()).equals(startedAt == null ? "" : startedAt);
        }
    }

    public Path file() {
        return file;
    }

    /** What opening found and did (an upgrade, interrupted runs, a damaged file moved aside), for the user. */
    public List<String> notices() {
        return notices;
    }

    public int schemaVersion() {
        synchronized (lock) {
            try {
                return Schema.version(conn);
            } catch (SQLException e) {
                throw failure("read the schema version", e);
            }
        }
    }

    /** A sink that records the run into this store as its events arrive, then passes them on. */
    public RunRecorder recorder(ExperimentSpec spec, RunTags tags, RunEventSink next) {
        return new RunRecorder(this, spec, tags, next);
    }

    // ---------------------------------------------------------------- writing (used by RunRecorder)

    long insertRun(ExperimentSpec spec, RunTags tags, RunInfo info, ImageBatch truth, int[] trueLabels,
                   int totalIterations, String status, String message) {
        synchronized (lock) {
            return inTransaction(() -> {
                long id;
                try (PreparedStatement ps = conn.prepareStatement("""
                        INSERT INTO runs (created_ms, name, attack, model, dataset, batch, spec_json, seed, status, message,
                          device, versions_json, parameter_count, total_iterations, iterations, true_labels,
                          owner_pid, owner_start, heartbeat_ms, sweep_id, cell_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)""",
                        Statement.RETURN_GENERATED_KEYS)) {
                    long now = System.currentTimeMillis();
                    ps.setLong(1, now);
                    ps.setString(2, spec.name());
                    ps.setString(3, spec.attack().id());
                    ps.setString(4, spec.model().arch());
                    ps.setString(5, spec.data().source());
                    ps.setInt(6, spec.data().batch());
                    ps.setString(7, SpecJson.write(spec));
                    ps.setLong(8, spec.run().seed());
                    ps.setString(9, status);
                    ps.setString(10, message);
                    ps.setString(11, info == null ? null : info.device());
                    ps.setString(12, info == null ? null : versionsJson(info));
                    ps.setLong(13, info == null ? 0 : info.parameterCount());
                    ps.setInt(14, totalIterations);
                    ps.setString(15, trueLabels == null ? null : labels(trueLabels));
                    ps.setLong(16, Owner.PID);
                    ps.setString(17, Owner.START);
                    ps.setLong(18, now);
                    ps.setString(19, tags.sweepId());
                    ps.setString(20, tags.cellKey());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                if (truth != null) {
                    writeImages(id, ImageKind.TRUTH, truth, null, null);
                }
                return id;
            });
        }
    }

    /** Appends or completes series points: a null-valued field (NaN) keeps what is stored. */
    void writeProgress(long id, List<SeriesPoint> points, int iterations, ImageBatch recon, double[] psnr, double[] ssim,
                       double psnrMean, double ssimMean) {
        synchronized (lock) {
            inTransaction(() -> {
                upsertSeries(id, points);
                if (recon != null) {
                    writeImages(id, ImageKind.RECONSTRUCTION, recon, psnr, ssim);
                }
                try (PreparedStatement ps = conn.prepareStatement("UPDATE runs SET iterations = MAX(COALESCE(iterations, 0), ?), "
                        + "heartbeat_ms = ?, psnr_mean = COALESCE(?, psnr_mean), ssim_mean = COALESCE(?, ssim_mean) WHERE id = ?")) {
                    ps.setInt(1, iterations);
                    ps.setLong(2, System.currentTimeMillis());
                    real(ps, 3, psnrMean);
                    real(ps, 4, ssimMean);
                    ps.setLong(5, id);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** The run's end: status, final metrics, the complete series and the final images. */
    void writeEnd(long id, StoredStatus status, String message, RunResult r) {
        synchronized (lock) {
            inTransaction(() -> {
                if (r != null) {
                    try (PreparedStatement del = conn.prepareStatement("DELETE FROM series WHERE run_id = ?")) {
                        del.setLong(1, id);
                        del.executeUpdate();
                    }
                    upsertSeries(id, r.series());
                    writeImages(id, ImageKind.RECONSTRUCTION, r.reconstruction(), r.scores().psnr(), r.scores().ssim());
                }
                try (PreparedStatement ps = conn.prepareStatement("""
                        UPDATE runs SET status = ?, message = ?, finished_ms = ?, heartbeat_ms = ?,
                          iterations = COALESCE(?, iterations), best_loss = ?, wall_seconds = ?,
                          psnr_mean = COALESCE(?, psnr_mean), ssim_mean = COALESCE(?, ssim_mean), label_accuracy = ?,
                          recovered_labels = ?,
                          device = COALESCE(?, device), versions_json = COALESCE(?, versions_json),
                          parameter_count = COALESCE(?, parameter_count)
                        WHERE id = ?""")) {
                    long now = System.currentTimeMillis();
                    ps.setString(1, status.key());
                    ps.setString(2, message);
                    ps.setLong(3, now);
                    ps.setLong(4, now);
                    if (r != null) {
                        ps.setInt(5, r.iterations());
                        real(ps, 6, r.bestLoss());
                        real(ps, 7, r.wallSeconds());
                        real(ps, 8, r.scores().psnrMean());
                        real(ps, 9, r.scores().ssimMean());
                        real(ps, 10, r.labelAccuracy());
                        ps.setString(11, labels(r.recoveredLabels()));
                        ps.setString(12, r.info() == null ? null : r.info().device());
                        ps.setString(13, r.info() == null ? null : versionsJson(r.info()));
                        if (r.info() == null) {
                            ps.setNull(14, Types.INTEGER);
                        } else {
                            ps.setLong(14, r.info().parameterCount());
                        }
                    } else {
                        for (int i = 5; i <= 14; i++) {
                            ps.setNull(i, Types.NULL);
                        }
                    }
                    ps.setLong(15, id);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    private void upsertSeries(long id, List<SeriesPoint> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO series (run_id, iteration, loss, psnr, ssim) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (run_id, iteration) DO UPDATE SET loss = COALESCE(excluded.loss, loss),
                  psnr = COALESCE(excluded.psnr, psnr), ssim = COALESCE(excluded.ssim, ssim)""")) {
            for (SeriesPoint p : points) {
                ps.setLong(1, id);
                ps.setInt(2, p.iteration());
                real(ps, 3, p.loss());
                real(ps, 4, p.psnr());
                real(ps, 5, p.ssim());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeImages(long id, ImageKind kind, ImageBatch batch, double[] psnr, double[] ssim) throws SQLException {
        try (PreparedStatement img = conn.prepareStatement(
                "INSERT OR IGNORE INTO images (hash, png, width, height, channels) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement link = conn.prepareStatement(
                     "INSERT OR REPLACE INTO run_images (run_id, kind, idx, hash, psnr, ssim) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < batch.count(); i++) {
                byte[] png = Png.encode(batch, i);
                String hash = Png.hash(png);
                img.setString(1, hash);
                img.setBytes(2, png);
                img.setInt(3, batch.width());
                img.setInt(4, batch.height());
                img.setInt(5, batch.channels());
                img.addBatch();
                link.setLong(1, id);
                link.setString(2, kind.name());
                link.setInt(3, i);
                link.setString(4, hash);
                real(link, 5, psnr == null ? Double.NaN : psnr[i]);
                real(link, 6, ssim == null ? Double.NaN : ssim[i]);
                link.addBatch();
            }
            img.executeBatch();
            link.executeBatch();
        }
    }

    /** Records an extra named metric of a run (e.g. the gradient cosine similarity of a sweep cell). */
    public void putMetric(long runId, String name, double value) {
        synchronized (lock) {
            inTransaction(() -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT OR REPLACE INTO run_metrics (run_id, name, value) VALUES (?, ?, ?)")) {
                    ps.setLong(1, runId);
                    ps.setString(2, name);
                    real(ps, 3, value);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Records a sweep's definition (idempotent: the first definition of an id is kept). */
    public void putSweep(String sweepId, String definitionJson) {
        synchronized (lock) {
            inTransaction(() -> {
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT OR IGNORE INTO sweeps (id, created_ms, definition_json) VALUES (?, ?, ?)")) {
                    ps.setString(1, sweepId);
                    ps.setLong(2, System.currentTimeMillis());
                    ps.setString(3, definitionJson);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Deletes a run and the images no other run uses; false when there was no such run. */
    public boolean delete(long runId) {
        synchronized (lock) {
            return inTransaction(() -> {
                int n;
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM runs WHERE id = ?")) {
                    ps.setLong(1, runId);
                    n = ps.executeUpdate();
                }
                try (Statement s = conn.createStatement()) {
                    s.executeUpdate("DELETE FROM images WHERE hash NOT IN (SELECT hash FROM run_images)");
                }
                return n > 0;
            });
        }
    }

    // ---------------------------------------------------------------- reading

    private static final String SUMMARY_COLUMNS = "id, created_ms, name, attack, model, dataset, batch, status, psnr_mean, "
            + "ssim_mean, iterations, wall_seconds, sweep_id, cell_key";

    public List<RunSummary> runs(RunQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        filter(sql, args, "attack", q.attack());
        filter(sql, args, "model", q.model());
        filter(sql, args, "dataset", q.dataset());
        filter(sql, args, "status", q.status() == null ? null : q.status().key());
        filter(sql, args, "sweep_id", q.sweepId());
        sql.append(" ORDER BY id DESC");
        if (q.limit() > 0) {
            sql.append(" LIMIT ").append(q.limit());
        }
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<RunSummary> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw failure("list the runs", e);
            }
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        return new RunSummary(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), StoredStatus.parse(rs.getString(8)), real(rs, 9), real(rs, 10),
                rs.getInt(11), real(rs, 12), rs.getString(13), rs.getString(14));
    }

    public Optional<RunSummary> summary(long runId) {
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM runs WHERE id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure("read run " + runId, e);
            }
        }
    }

    /** A stored run, or a clear error naming the runs that exist. */
    public StoredRun require(long runId) {
        return run(runId).orElseThrow(() -> GiaException.badInput("no run with id " + runId + " in " + file,
                "see `./gia history` for the stored runs"));
    }

    public Optional<StoredRun> run(long runId) {
        synchronized (lock) {
            try {
                RunSummary summary;
                String specJson;
                long seed;
                String message;
                String device;
                String versionsJson;
                long params;
                int total;
                double bestLoss;
                double labelAccuracy;
                String trueLabels;
                String recovered;
                long finished;
                try (PreparedStatement ps = conn.prepareStatement("SELECT " + SUMMARY_COLUMNS + ", spec_json, seed, message, "
                        + "device, versions_json, parameter_count, total_iterations, best_loss, label_accuracy, true_labels, "
                        + "recovered_labels, finished_ms FROM runs WHERE id = ?")) {
                    ps.setLong(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.empty();
                        }
                        summary = summary(rs);
                        specJson = rs.getString(15);
                        seed = rs.getLong(16);
                        message = rs.getString(17);
                        device = rs.getString(18);
                        versionsJson = rs.getString(19);
                        params = rs.getLong(20);
                        total = rs.getInt(21);
                        bestLoss = real(rs, 22);
                        labelAccuracy = real(rs, 23);
                        trueLabels = rs.getString(24);
                        recovered = rs.getString(25);
                        finished = rs.getLong(26);
                    }
                }
                List<ImageRef> refs = new ArrayList<>();
                int n = Math.max(summary.batch(), 0);
                double[] psnr = new double[n];
                double[] ssim = new double[n];
                Arrays.fill(psnr, Double.NaN);
                Arrays.fill(ssim, Double.NaN);
                try (PreparedStatement ps = conn.prepareStatement(
                        "SELECT kind, idx, hash, psnr, ssim FROM run_images WHERE run_id = ? ORDER BY kind DESC, idx")) {
                    ps.setLong(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ImageKind kind = ImageKind.valueOf(rs.getString(1));
                            int idx = rs.getInt(2);
                            refs.add(new ImageRef(kind, idx, rs.getString(3)));
                            if (kind == ImageKind.RECONSTRUCTION && idx < n) {
                                psnr[idx] = real(rs, 4);
                                ssim[idx] = real(rs, 5);
                            }
                        }
                    }
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                try (PreparedStatement ps = conn.prepareStatement("SELECT name, value FROM run_metrics WHERE run_id = ? ORDER BY name")) {
                    ps.setLong(1, runId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            metrics.put(rs.getString(1), real(rs, 2));
                        }
                    }
                }
                ExperimentSpec spec = SpecJson.readStored(specJson);
                return Optional.of(new StoredRun(summary, specJson, spec, seed, message, device, versions(versionsJson), params,
                        total, bestLoss, labelAccuracy, parseLabels(trueLabels), parseLabels(recovered), finished, psnr, ssim,
                        List.copyOf(refs), Map.copyOf(metrics)));
            } catch (SQLException e) {
                throw failure("read run " + runId, e);
            }
        }
    }

    public List<SeriesPoint> series(long runId) {
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT iteration, loss, psnr, ssim FROM series WHERE run_id = ? ORDER BY iteration")) {
                ps.setLong(1, runId);
                List<SeriesPoint> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SeriesPoint(rs.getInt(1), real(rs, 2), real(rs, 3), real(rs, 4)));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw failure("read the series of run " + runId, e);
            }
        }
    }

    /** A stored image's PNG bytes. */
    public byte[] png(String hash) {
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT png FROM images WHERE hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw GiaException.badInput("no stored image " + hash, "");
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw failure("read image " + hash, e);
            }
        }
    }

    /**
     * A run's ground truths or reconstructions as a batch (8-bit values from the PNGs), in ground-truth
     * order; empty when none were stored (a run that failed before its first snapshot).
     */
    public Optional<ImageBatch> images(long runId, ImageKind kind) {
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT i.png, i.width, i.height, i.channels FROM run_images r "
                    + "JOIN images i ON i.hash = r.hash WHERE r.run_id = ? AND r.kind = ? ORDER BY r.idx")) {
                ps.setLong(1, runId);
                ps.setString(2, kind.name());
                List<byte[]> pngs = new ArrayList<>();
                int w = 0;
                int h = 0;
                int ch = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pngs.add(rs.getBytes(1));
                        w = rs.getInt(2);
                        h = rs.getInt(3);
                        ch = rs.getInt(4);
                    }
                }
                if (pngs.isEmpty()) {
                    return Optional.empty();
                }
                float[] pixels = new float[pngs.size() * ch * h * w];
                for (int i = 0; i < pngs.size(); i++) {
                    Png.decodeInto(pngs.get(i), ch, pixels, i);
                }
                return Optional.of(new ImageBatch(pixels, pngs.size(), ch, h, w));
            } catch (SQLException e) {
                throw failure("read the images of run " + runId, e);
            }
        }
    }

    /** The newest finished run of a sweep cell, if any (what makes sweeps resumable). */
    public OptionalLong finishedRun(String sweepId, String cellKey) {
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT MAX(id) FROM runs WHERE sweep_id = ? AND cell_key = ? AND status = 'finished'")) {
                ps.setString(1, sweepId);
                ps.setString(2, cellKey);
                try (ResultSet rs = ps.executeQuery()) {
                    long id = rs.next() ? rs.getLong(1) : 0;
                    return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
                }
            } catch (SQLException e) {
                throw failure("look up sweep cell " + cellKey, e);
            }
        }
    }

    /** A sweep's stored definition (JSON), if it was recorded. */
    public Optional<String> sweepDefinition(String sweepId) {
        synchronized (lock) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT definition_json FROM sweeps WHERE id = ?")) {
                ps.setString(1, sweepId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure("read sweep " + sweepId, e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                conn.close();
            } catch (SQLException e) {
                // closing: nothing left to save
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try {
            conn.setAutoCommit(false);
            try {
                T out = work.run();
                conn.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write to the store", e);
        }
    }

    private GiaException failure(String what, SQLException e) {
        return new GiaException(GiaException.Kind.INTERNAL, "cannot " + what + " in the experiment store " + file + ": "
                + e.getMessage(), "another program may hold the store locked; retry", e);
    }

    private static void real(PreparedStatement ps, int index, double v) throws SQLException {
        if (Double.isFinite(v)) {
            ps.setDouble(index, v);
        } else {
            ps.setNull(index, Types.REAL);
        }
    }

    private static double real(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static String labels(int[] labels) {
        return Arrays.stream(labels).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static int[] parseLabels(String s) {
        if (s == null || s.isBlank()) {
            return new int[0];
        }
        return Arrays.stream(s.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    }

    private static String versionsJson(RunInfo info) {
        ObjectNode v = SpecJson.mapper().createObjectNode();
        v.put("app", info.appVersion());
        v.put("engine", info.engine() + " " + info.engineVersion());
        v.put("djl", info.djlVersion());
        v.put("java", info.javaVersion());
        return v.toString();
    }

    private static Map<String, String> versions(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        JsonNode node = SpecJson.parse(json, "stored versions");
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
