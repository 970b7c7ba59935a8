package org.giaworkbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunBundle;
import org.giaworkbench.store.RunsCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gia export}: a run bundle (folder with an HTML report), or a CSV table of many runs. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports stored runs.",
                "  gia export ID --out DIR           a run bundle: spec.json, summary.json, series.csv, images.csv,",
                "                                    reconstruction.png, images/*.png and report.html",
                "  gia export --runs 3,4,7 --csv F   one CSV row per run (for a table in a paper)"})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StoreOption storeOption;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "the run to bundle")
    Long id;

    @Option(names = "--out", paramLabel = "DIR", description = "bundle folder (default: runs/run-ID)")
    Path out;

    @Option(names = "--runs", paramLabel = "ID,ID", split = ",", description = "runs for the CSV table")
    List<Long> runs = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "write the runs' CSV table here")
    Path csv;

    @Override
    public Integer call() throws Exception {
        if (id == null && csv == null) {
            throw GiaException.badInput("nothing to export", "give a run id (gia export 12 --out DIR) or --runs 1,2 --csv FILE");
        }
        Path dir = id == null ? null : out != null ? out : Path.of("runs", "run-" + id);
        if (dir != null) {
            OutputFolder.requireWritable(dir, "--out");
        }
        if (csv != null) {
            OutputFolder.requireWritableParent(csv, "--csv");
        }
        try (ExperimentStore store = storeOption.open()) {
            if (id != null) {
                List<Path> files = RunBundle.write(store, id, dir);
                System.out.println("wrote " + files.size() + " files to " + dir + " (open " + dir.resolve(RunBundle.REPORT) + ")");
            }
            if (csv != null) {
                List<Long> ids = new ArrayList<>(runs);
                if (ids.isEmpty() && id != null) {
                    ids.add(id);
                }
                if (ids.isEmpty()) {
                    throw GiaException.badInput("--csv needs the runs to list", "add --runs 1,2,3");
                }
                RunsCsv.write(store, ids, csv);
                System.out.println("wrote " + ids.size() + " runs to " + csv);
            }
            return GiaCli.OK;
        }
    }
}
