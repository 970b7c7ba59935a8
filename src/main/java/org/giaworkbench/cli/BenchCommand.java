package org.giaworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.bench.QualityParity;
import org.giaworkbench.compute.bench.ReferenceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gia bench}: time attack iterations against the PyTorch reference on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times attack iterations against a plain-PyTorch reference, interleaved in one command, and",
                "prints Java time / Python time (medians) with iterations per second. Configurations: IG on the",
                "CIFAR ResNet-18 at batch 1, 4 and 64, IG on ResNet-18 at 224 px, DLG on LeNet, GradInversion",
                "with the BatchNorm prior, and a sweep of 16 IG cells (stacked and one after another)."})
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
            description = {"run only these configurations: ig1, ig4, dlg, ig64, ig224, gi, sweep",
                    "(default: ig1, ig4, dlg; on a GPU try all seven: ig64, ig224 and sweep take minutes on a CPU)"})
    List<String> only = ReferenceBenchmark.DEFAULT_CONFIGS;

    @Option(names = "--sweep-check", paramLabel = "N",
            description = "instead: run N IG cells (ResNet-18 CIFAR, batch 1) as one stacked group, then one by one, "
                    + "and print the speed-up and how far each cell is from its run alone")
    Integer sweepCheck;

    @Option(names = "--sweep-iterations", defaultValue = "200", description = "iterations per cell for --sweep-check (default: ${DEFAULT-VALUE})")
    int sweepIterations;

    @Option(names = "--quality", description = {"instead: attack quality against the plain-PyTorch reference on the same weights,",
            "images, starting point and hyper-parameters (IG on the CIFAR ResNet-18, batch 1 on three images and",
            "batch 4; DLG on the LeNet, three images): PSNR per budget, ours minus the reference's"})
    boolean quality;

    @Option(names = "--quality-reference", paramLabel = "FILE", defaultValue = "tools/quality_reference.py",
            description = "the reference attacks for --quality (default: ${DEFAULT-VALUE})")
    Path qualityReference;

    @Option(names = "--budgets", split = ",", defaultValue = "500,2000",
            description = "iteration budgets for --quality, each a separate run (default: ${DEFAULT-VALUE})")
    List<Integer> budgets;

    @Option(names = "--cases", split = ",", paramLabel = "PREFIX",
            description = "--quality: only the cases whose names start so (ig-b1, ig-b4, dlg; default: all)")
    List<String> cases = List.of();

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/quality",
            description = "--quality: where the exported weights and problems go (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--init", defaultValue = "reference",
            description = "--quality: model.init of the attacked models, reference or workbench (default: ${DEFAULT-VALUE})")
    String init;

    @Option(names = "--starts", defaultValue = "1",
            description = "--quality: runs per case and budget from run seeds 0..N-1; the two sides' paths part within "
                    + "tens of iterations, so one run is one sample (default: ${DEFAULT-VALUE})")
    int starts;

    @Override
    public Integer call() throws Exception {
        if (sweepCheck != null) {
            return sweepCheck();
        }
        if (quality) {
            return quality();
        }
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
        System.out.printf(Locale.ROOT, "%-44s %11s %11s %7s %11s %11s  %s%n", "configuration", "java ms", "python ms",
                "ratio", "java rate", "python rate", "unit");
        for (ReferenceBenchmark.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-44s %11.2f %11.2f %7.3f %11.2f %11.2f  %s%n", r.name(), r.javaMs(), r.pythonMs(),
                    r.ratio(), r.javaRate(), r.pythonRate(), r.unit());
        }
        System.out.println("ratio = Java median / Python median over " + rounds + " interleaved rounds (per-round medians)");
        return GiaCli.OK;
    }

    private int quality() throws Exception {
        List<QualityParity.Row> rows;
        try (ComputeService compute = new ComputeService()) {
            rows = QualityParity.run(compute, new QualityParity.Options(python, qualityReference, budgets, cases, work, init, starts),
                    System.err::println);
        }
        System.out.printf(Locale.ROOT, "%-15s %6s %-24s %-24s %8s %8s %9s %11s %9s %11s %6s%n", "case", "iters", "ours dB",
                "reference dB", "mean d", "worst", "loss[1]", "ref loss[1]", "lowest", "ref lowest", "agree");
        for (QualityParity.Row r : rows) {
            System.out.printf(Locale.ROOT, "%-15s %6d %-24s %-24s %+8.2f %+8.2f %9.4g %11.4g %9.4g %11.4g %6s%n", r.c().name() + (r.start() == 0 ? "" : "/s" + r.start()),
                    r.iterations(), dbList(r.ours()), dbList(r.reference()), r.oursMean() - r.referenceMean(), -r.worstShortfall(),
                    r.firstLossOurs(), r.firstLossReference(), r.bestLossOurs(), r.bestLossReference(),
                    r.agreeUntil() < 0 ? "-" : Integer.toString(r.agreeUntil()));
        }
        double meanD = rows.stream().mapToDouble(r -> r.oursMean() - r.referenceMean()).average().orElse(Double.NaN);
        double worst = rows.stream().mapToDouble(r -> -r.worstShortfall()).min().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "all rows: mean d %+.2f dB, worst image %+.2f dB (goal: >= -0.5 and >= -2; model.init=%s)%n",
                meanD, worst, init);
        System.out.println("mean d = ours - reference (mean PSNR over the batch); worst = the image where ours falls furthest "
                + "below (negative: below); lowest = lowest loss of the run; agree = last iteration up to which both loss curves "
                + "agree within 1e-3 (IG; both curves in --work as CASE-ITERS-losses.csv).");
        return GiaCli.OK;
    }

    private static String dbList(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.toString();
    }

    private int sweepCheck() throws Exception {
        org.giaworkbench.compute.bench.SweepCheck.Report r;
        try (ComputeService compute = new ComputeService()) {
            r = org.giaworkbench.compute.bench.SweepCheck.run(compute, sweepCheck, sweepIterations, device, System.err::println);
        }
        System.out.printf(Locale.ROOT, "%-6s %14s %14s %10s %11s %11s %8s%n", "cell", "first loss grp", "first loss 1", "rel diff",
                "PSNR group", "PSNR alone", "diff dB");
        double worstLoss = 0;
        double worstPsnr = 0;
        for (var c : r.cells()) {
            System.out.printf(Locale.ROOT, "%-6d %14.7f %14.7f %10.1e %11.2f %11.2f %8.2f%n", c.index(), c.firstLossGroup(),
                    c.firstLossAlone(), c.firstLossRelative(), c.psnrGroup(), c.psnrAlone(), c.psnrGroup() - c.psnrAlone());
            worstLoss = Math.max(worstLoss, c.firstLossRelative());
            worstPsnr = Math.max(worstPsnr, Math.abs(c.psnrGroup() - c.psnrAlone()));
        }
        System.out.printf(Locale.ROOT, "%s group %.1f s, one by one %.1f s: speed-up %.2fx; worst first-loss difference %.1e, "
                + "worst PSNR difference %.2f dB%n", r.stacked() ? "stacked" : "unstacked", r.groupSeconds(), r.aloneSeconds(),
                r.speedUp(), worstLoss, worstPsnr);
        return GiaCli.OK;
    }
}
