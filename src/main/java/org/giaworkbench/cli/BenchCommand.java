package org.giaworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.bench.ReferenceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gia bench}: time attack iterations against the PyTorch reference on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times IG on ResNet-18 (batch 1 and 4) and DLG on LeNet against gia_reference.py,",
                "interleaved in one command, and prints Java time / Python time (medians)."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--reference", paramLabel = "FILE", defaultValue = "../shared/reference/gia_reference.py",
            description = "the PyTorch reference script (default: ${DEFAULT-VALUE})")
    Path reference;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "/usr/bin/python3",
            description = "Python with PyTorch (default: ${DEFAULT-VALUE})")
    Path python;

    @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--ig-iters", defaultValue = "15", description = "timed IG steps per run, first 3 dropped (default: ${DEFAULT-VALUE})")
    int igIterations;

    @Option(names = "--dlg-steps", defaultValue = "10", description = "L-BFGS steps per DLG run (default: ${DEFAULT-VALUE})")
    int dlgSteps;

    @Option(names = "--bn", defaultValue = "eval", description = "BatchNorm mode for IG: eval or train (default: ${DEFAULT-VALUE})")
    String bn;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu or cuda; with cuda the reference must take --device too (tools/cuda_reference.py) (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--only", split = ",", paramLabel = "CONFIG",
            description = "run only these configurations: ig1, ig4, dlg (default: all)")
    List<String> only = ReferenceBenchmark.CONFIGS;

    @Override
    public Integer call() throws Exception {
        for (String c : only) {
            if (!ReferenceBenchmark.CONFIGS.contains(c)) {
                throw org.giaworkbench.core.GiaException.badInput("unknown configuration '" + c + "'",
                        "choose from " + String.join(", ", ReferenceBenchmark.CONFIGS));
            }
        }
        ReferenceBenchmark.Options options = new ReferenceBenchmark.Options(python, reference, rounds, igIterations,
                dlgSteps, "train".equals(bn), java.util.Set.copyOf(only), device);
        List<ReferenceBenchmark.Row> rows;
        try (ComputeService compute = new ComputeService()) {
            rows = ReferenceBenchmark.run(compute, options, System.err::println);
        }
        System.out.printf(Locale.ROOT, "%-34s %12s %12s %8s%n", "configuration", "java ms", "python ms", "ratio");
        for (ReferenceBenchmark.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-34s %12.2f %12.2f %8.3f%n", r.name(), r.javaMs(), r.pythonMs(), r.ratio());
        }
        System.out.println("ratio = Java median / Python median over " + rounds + " interleaved rounds (per-round medians)");
        return GiaCli.OK;
    }
}
