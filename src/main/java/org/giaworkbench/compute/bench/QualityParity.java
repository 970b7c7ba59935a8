package org.giaworkbench.compute.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.giaworkbench.attack.RandomStart;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.ThreadPolicy;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.data.DatasetFactory;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.nd.OwnedArrays;

/**
 * {@code ./gia bench --quality}: our attacks against the plain-PyTorch reference on the same weights,
 * the same images, the same starting point and the same hyper-parameters. Each case runs end to end
 * through the compute service; then its model's weights and the run's images, labels and starting
 * point go to an {@code .npz} that {@code tools/quality_reference.py} loads and attacks. Both report
 * the first iteration's loss (equal when both sides see the same problem) and the PSNR of each image.
 */
public final class QualityParity {

    /** One attack on one batch. */
    public record Case(String name, String attack, String arch, int numClasses, String normalization, int batch,
                       Integer index, double tv) {
    }

    /**
     * One case at one iteration budget: ours and the reference's PSNR per image, both first and lowest
     * losses, and (IG) the last iteration up to which both loss curves agree within 1e-3 relative (-1 for
     * DLG, whose reference counts evaluations, not iterations).
     */
    public record Row(Case c, int start, int iterations, double[] ours, double[] reference, double firstLossOurs,
                      double firstLossReference, double bestLossOurs, double bestLossReference, int agreeUntil) {
        public double oursMean() {
            return Arrays.stream(ours).average().orElse(Double.NaN);
        }

        public double referenceMean() {
            return Arrays.stream(reference).average().orElse(Double.NaN);
        }

        /** The largest shortfall of one of our images against the reference's (positive: ours lower). */
        public double worstShortfall() {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < ours.length; i++) {
                worst = Math.max(worst, reference[i] - ours[i]);
            }
            return worst;
        }
    }

    /** {@code starts}: runs per case and budget, from run seeds 0..starts-1 (a separate starting point each). */
    public record Options(Path python, Path tool, List<Integer> budgets, List<String> only, Path workDir, String init,
                          int starts) {
    }

    static final int[] IMAGE_LABELS = {3, 5, 8}; // cat, dog, ship: the images of the first measurement
    static final String[] LABEL_NAMES = {"cat", "dog", "ship"};

    private QualityParity() {
    }

    /** IG on the CIFAR ResNet-18 (batch 1 on three images, batch 4) and DLG on the LeNet (three images). */
    public static List<Case> cases() {
        var data = BundledDataset.cifar10();
        List<Case> out = new ArrayList<>();
        int[] first = new int[IMAGE_LABELS.length];
        for (int k = 0; k < IMAGE_LABELS.length; k++) {
            first[k] = -1;
            for (int i = 0; i < data.size() && first[k] < 0; i++) {
                if (data.label(i) == IMAGE_LABELS[k]) {
                    first[k] = i;
                }
            }
        }
        for (int k = 0; k < first.length; k++) {
            out.add(new Case("ig-b1-" + LABEL_NAMES[k], "inverting-gradients", "resnet18-cifar", 10, "cifar10", 1, first[k], 1e-2));
        }
        out.add(new Case("ig-b4", "inverting-gradients", "resnet18-cifar", 10, "cifar10", 4, null, 1e-2));
        for (int k = 0; k < first.length; k++) {
            out.add(new Case("dlg-" + LABEL_NAMES[k], "dlg", "lenet-dlg", 100, "none", 1, first[k], 0));
        }
        return out;
    }

    static ExperimentSpec spec(Case c, int iterations, String init, int start) {
        return SpecJson.read("""
                {"name": "quality-%s",
                 "data": {"source": "bundled-cifar10", "resolution": 32, "batch": %d, "seed": 0, "index": %s, "normalization": "%s"},
                 "model": {"arch": "%s", "activation": "default", "weights": "untrained", "seed": 0, "batchNorm": "eval",
                           "numClasses": %d, "init": "%s"},
                 "fl": {"protocol": "fedsgd", "labels": "auto"},
                 "attack": {"id": "%s", "params": {"iterations": %d, "tv": %s}},
                 "run": {"device": "cpu", "seed": %d, "snapshotEvery": %d}}
                """.formatted(c.name(), c.batch(), c.index() == null ? "null" : c.index().toString(), c.normalization(),
                c.arch(), c.numClasses(), init, c.attack(), iterations, Double.toString(c.tv()), start, Math.max(1, iterations)));
    }

    public static List<Row> run(ComputeService compute, Options options, Consumer<String> log) throws Exception {
        if (!Files.isRegularFile(options.tool())) {
            throw GiaException.badInput("the quality reference " + options.tool() + " does not exist",
                    "run from the project folder, or give --quality-reference tools/quality_reference.py");
        }
        Files.createDirectories(options.workDir());
        List<Row> rows = new ArrayList<>();
        for (Case c : cases()) {
            if (!options.only().isEmpty() && options.only().stream().noneMatch(c.name()::startsWith)) {
                continue;
            }
            for (int budget : options.budgets()) {
                for (int start = 0; start < options.starts(); start++) {
                    rows.add(runOne(compute, options, c, budget, start, log));
                }
            }
        }
        return rows;
    }

    /** One case, one budget, one starting point: ours through the compute service, then the reference. */
    private static Row runOne(ComputeService compute, Options options, Case c, int budget, int start, Consumer<String> log)
            throws Exception {
        String name = c.name() + (start == 0 ? "" : "-s" + start);
        ExperimentSpec spec = spec(c, budget, options.init(), start);
        double[] firstLoss = {Double.NaN};
        int[] shown = {0};
        long t0 = System.nanoTime();
        RunResult ours = compute.submit(spec, e -> {
            if (e instanceof RunEvent.Progress p) {
                if (p.iteration() == 1 && Double.isNaN(firstLoss[0])) {
                    firstLoss[0] = p.loss();
                }
                // a line every tenth of the budget: these runs take minutes on a CPU
                if (p.iteration() * 10L / budget > shown[0]) {
                    shown[0] = (int) (p.iteration() * 10L / budget);
                    log.accept(String.format(Locale.ROOT, "  %s: ours at %d/%d, loss %.5g, %.2f it/s", name,
                            p.iteration(), budget, p.loss(), p.iterationsPerSecond()));
                }
            }
        }).outcome().get(24, TimeUnit.HOURS);
        if (ours.status() != RunStatus.FINISHED) {
            throw new IllegalStateException(c.name() + ": our run ended " + ours.status() + ": " + ours.message());
        }
        double oursSeconds = (System.nanoTime() - t0) / 1e9;
        Path npz = options.workDir().resolve(name + ".npz");
        export(compute, spec, c, ours, npz, name);
        t0 = System.nanoTime();
        Path refLosses = options.workDir().resolve(name + "-" + budget + "-reference-losses.txt");
        Map<String, String> ref = reference(options, c, name, budget, npz, refLosses);
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        int agree = c.attack().equals("dlg") ? -1
                : compareCurves(ours, Files.readAllLines(refLosses), options.workDir().resolve(name + "-" + budget + "-losses.csv"));
        Row row = new Row(c, start, budget, ours.scores().psnr().clone(), parse(ref.get("psnr")), firstLoss[0],
                Double.parseDouble(ref.get("first_loss")), ours.bestLoss(), Double.parseDouble(ref.get("best_loss")), agree);
        log.accept(String.format(Locale.ROOT, "%s %d its: ours %.2f dB (%.0f s), reference %.2f dB (%.0f s); "
                        + "first loss %.6g / %.6g, lowest %.6g / %.6g, curves agree to iteration %d", name, budget,
                row.oursMean(), oursSeconds, row.referenceMean(), refSeconds, row.firstLossOurs(), row.firstLossReference(),
                row.bestLossOurs(), row.bestLossReference(), row.agreeUntil()));
        return row;
    }

    /**
     * The model's weights (PyTorch names) and the run's problem: {@code gia.truth} (the client's images in
     * [0, 1]), {@code gia.labels}, {@code gia.mean} and {@code gia.std} (what the model sees is
     * (x - mean) / std), and {@code gia.x0}, the attack's seeded starting vector (images in the model's
     * input space, then DLG's label logits).
     */
    static void export(ComputeService compute, ExperimentSpec spec, Case c, RunResult ours, Path npz, String name) throws Exception {
        int images = ours.truth().count() * ours.truth().channels() * ours.truth().height() * ours.truth().width();
        int size = c.attack().equals("dlg") ? images + ours.truth().count() * c.numClasses() : images;
        float[] x0 = RandomStart.gaussian(size, spec.run().seed());
        Normalization norm = DatasetFactory.normalization(spec.data());
        float[] mean = new float[3];
        float[] std = new float[3];
        for (int i = 0; i < 3; i++) {
            mean[i] = norm.isIdentity() ? 0f : norm.mean()[i];
            std[i] = norm.isIdentity() ? 1f : norm.std()[i];
        }
        compute.onComputeThread("cpu", (base, oracle) -> {
            try (NDManager scope = base.newSubManager(); OutputStream out = Files.newOutputStream(npz)) {
                GiaModel model = ModelFactory.build(spec.model(), c.numClasses(), 3, 32, scope);
                NDList list = new NDList();
                try (OutputStream w = Files.newOutputStream(npz.resolveSibling(name + "-weights.npz"))) {
                    model.saveNpz(w);
                }
                Shape shape = new Shape(ours.truth().count(), ours.truth().channels(), ours.truth().height(), ours.truth().width());
                list.add(named(OwnedArrays.of(scope, ours.truth().pixels(), shape), "gia.truth"));
                long[] labels = Arrays.stream(ours.trueLabels()).asLongStream().toArray();
                list.add(named(OwnedArrays.of(scope, labels, new Shape(labels.length)), "gia.labels"));
                list.add(named(OwnedArrays.of(scope, mean, new Shape(3)), "gia.mean"));
                list.add(named(OwnedArrays.of(scope, std, new Shape(3)), "gia.std"));
                list.add(named(OwnedArrays.of(scope, x0, new Shape(x0.length)), "gia.x0"));
                list.encode(out, NDList.Encoding.NPZ);
                return null;
            }
        });
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    /**
     * Writes both loss curves side by side ({@code iteration,ours,reference}) and returns the last
     * iteration up to which they agree within 1e-3 relative: where float differences, amplified by the
     * signed step, have set the two runs on different paths.
     */
    static int compareCurves(RunResult ours, List<String> referenceLosses, Path csv) throws IOException {
        List<org.giaworkbench.core.result.SeriesPoint> series = ours.series();
        StringBuilder out = new StringBuilder("iteration,ours,reference\n");
        int agree = 0;
        boolean diverged = false;
        for (int i = 0; i < Math.min(series.size(), referenceLosses.size()); i++) {
            double a = series.get(i).loss();
            double b = Double.parseDouble(referenceLosses.get(i).trim());
            out.append(series.get(i).iteration()).append(',').append(a).append(',').append(b).append('\n');
            if (!diverged && Math.abs(a - b) <= 1e-3 * Math.abs(b)) {
                agree = series.get(i).iteration();
            } else {
                diverged = true;
            }
        }
        Files.writeString(csv, out);
        return agree;
    }

    private static Map<String, String> reference(Options o, Case c, String name, int iterations, Path npz, Path losses)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(o.python().toString(), o.tool().toString(),
                c.attack().equals("dlg") ? "dlg" : "ig", "--case", npz.toString(),
                "--weights", npz.resolveSibling(name + "-weights.npz").toString(),
                "--iters", Integer.toString(iterations), "--tv", Double.toString(c.tv()),
                "--classes", Integer.toString(c.numClasses()), "--losses", losses.toString(),
                // as many threads as our run had, so that the seconds compare too
                "--threads", Integer.toString(ThreadPolicy.applied() == null ? 1 : ThreadPolicy.applied().threads())));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        ReferenceBenchmark.pythonEnvironment(pb.environment());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                Map<String, String> kv = new HashMap<>();
                for (String tok : line.substring(7).trim().split("\\s+")) {
                    int eq = tok.indexOf('=');
                    kv.put(tok.substring(0, eq), tok.substring(eq + 1));
                }
                return kv;
            }
        }
        throw new IllegalStateException("the reference gave no RESULT line (exit " + rc + "): " + output);
    }

    private static double[] parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
