package org.giaworkbench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.giaworkbench.core.spec.ExperimentSpec;

/** Many runs as one CSV table (one row a run), for a table in a paper. */
public final class RunsCsv {

    private RunsCsv() {
    }

    public static final List<String> COLUMNS = List.of("id", "created", "name", "attack", "model", "weights", "dataset",
            "resolution", "batch", "same_label", "data_seed", "run_seed", "iterations", "status", "wall_seconds",
            "psnr_mean", "ssim_mean", "label_accuracy", "device", "sweep_id", "cell_key");

    public static String csv(ExperimentStore store, List<Long> ids) {
        List<StoredRun> runs = new ArrayList<>();
        TreeSet<String> extra = new TreeSet<>();
        for (long id : ids) {
            StoredRun r = store.require(id);
            runs.add(r);
            extra.addAll(r.metrics().keySet());
        }
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS));
        extra.forEach(m -> out.append(',').append(m));
        out.append('\n');
        for (StoredRun r : runs) {
            RunSummary s = r.summary();
            ExperimentSpec spec = r.spec();
            List<String> cells = List.of(Long.toString(s.id()), s.createdAt().toString(), s.name(), s.attack(), s.model(),
                    spec.model().weights(), s.dataset(), Integer.toString(spec.data().resolution()), Integer.toString(s.batch()),
                    Integer.toString(spec.data().sameLabel()), Long.toString(spec.data().seed()), Long.toString(r.seed()),
                    Integer.toString(s.iterations()), s.status().key(), RunBundle.num(s.wallSeconds()), RunBundle.num(s.psnrMean()),
                    RunBundle.num(s.ssimMean()), RunBundle.num(r.labelAccuracy()), nz(r.device()), nz(s.sweepId()), nz(s.cellKey()));
            List<String> quoted = new ArrayList<>();
            cells.forEach(c -> quoted.add(quote(c)));
            out.append(String.join(",", quoted));
            for (String m : extra) {
                Double v = r.metrics().get(m);
                out.append(',').append(v == null ? "" : RunBundle.num(v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static void write(ExperimentStore store, List<Long> ids, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, csv(store, ids), StandardCharsets.UTF_8);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** RFC 4180: quote a field holding a comma, quote or line break. */
    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
