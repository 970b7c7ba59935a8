package org.giaworkbench.compute.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;

/**
 * Java against the PyTorch reference, in one command: the configurations run interleaved (Python,
 * Java, Python, Java...) for several rounds so that machine noise hits both alike, and the medians of
 * the per-round medians are compared.
 */
public final class ReferenceBenchmark {

    /** One configuration's outcome. */
    public record Row(String name, double javaMs, double pythonMs, List<Double> javaRounds, List<Double> pythonRounds,
                      String unit, double unitsPerRun) {
        public double ratio() {
            return javaMs / pythonMs;
        }

        /** Java's throughput in {@link #unit()} (iterations, evaluations or cell-iterations per second). */
        public double javaRate() {
            return unitsPerRun * 1000 / javaMs;
        }

        public double pythonRate() {
            return unitsPerRun * 1000 / pythonMs;
        }
    }

    /**
     * @param python    interpreter with PyTorch (Debian's /usr/bin/python3)
     * @param reference path of gia_reference.py (for {@code device=cuda}: a script that also takes {@code --device})
     * @param device    {@code cpu} or {@code cuda}: where both sides run
     */
    public record Options(Path python, Path reference, int rounds, int igIterations, int dlgSteps, boolean batchNormTrain,
                          java.util.Set<String> configs, String device) {
    }

    /** Short names of the configurations, in the order they run. */
    public static final List<String> CONFIGS = List.of("ig1", "ig4", "dlg", "ig64", "ig224", "gi", "sweep");

    /** The configurations a plain {@code gia bench} runs (the rest are for GPUs: minutes on a CPU). */
    public static final List<String> DEFAULT_CONFIGS = List.of("ig1", "ig4", "dlg");

    /** Trials in the {@code sweep} configuration. */
    public static final int SWEEP_CELLS = 16;

    /** A configuration: its row name, what it counts per second, and each side's work. */
    private record Config(String key, String name, String unit, double unitsPerRun, JavaSide java, List<String> python,
                          String pythonKey) {
    }

    @FunctionalInterface
    private interface JavaSide {
        double millis(IterationBenchmark b, Options o);
    }

    private static List<Config> configs(Options o) {
        String bn = o.batchNormTrain() ? "train" : "eval";
        boolean train = o.batchNormTrain();
        String its = String.valueOf(o.igIterations());
        List<String> igArgs = List.of("--bn", bn, "--iters", its, "--warmup", "3");
        return List.of(
                new Config("ig1", "ig resnet18-cifar b1 bn-" + bn, "it/s", 1,
                        (b, x) -> IterationBenchmark.median(b.invertingGradientsSteps(1, train, x.igIterations()), 3),
                        concat(List.of("ig", "--batch", "1"), igArgs), "median_ms"),
                new Config("ig4", "ig resnet18-cifar b4 bn-" + bn, "it/s", 1,
                        (b, x) -> IterationBenchmark.median(b.invertingGradientsSteps(4, train, x.igIterations()), 3),
                        concat(List.of("ig", "--batch", "4"), igArgs), "median_ms"),
                new Config("dlg", "dlg lenet (ms/eval)", "evals/s", 1, (b, x) -> b.dlgMillisPerEvaluation(x.dlgSteps()),
                        List.of("dlg", "--iters", String.valueOf(o.dlgSteps())), "ms_per_eval"),
                new Config("ig64", "ig resnet18-cifar b64 bn-" + bn, "it/s", 1,
                        (b, x) -> IterationBenchmark.median(b.invertingGradientsSteps(64, train, x.igIterations()), 3),
                        concat(List.of("ig", "--batch", "64"), igArgs), "median_ms"),
                new Config("ig224", "ig resnet18 224px b1 bn-" + bn, "it/s", 1,
                        (b, x) -> IterationBenchmark.median(b.invertingGradientsSteps("resnet18", 224, 1, train, x.igIterations()), 3),
                        concat(List.of("ig", "--arch", "resnet18", "--resolution", "224", "--batch", "1"), igArgs), "median_ms"),
                new Config("gi", "gradinversion bn-prior resnet18-cifar b4", "it/s", 1,
                        (b, x) -> IterationBenchmark.median(b.gradInversionSteps(4, train, x.igIterations()), 3),
                        concat(List.of("gi", "--batch", "4"), igArgs), "median_ms"),
                new Config("sweep", "sweep " + SWEEP_CELLS + " ig cells stacked (round)", "cell-it/s", SWEEP_CELLS,
                        (b, x) -> IterationBenchmark.median(b.sweepRounds(SWEEP_CELLS, true, x.igIterations()), 3),
                        concat(List.of("sweep", "--cells", String.valueOf(SWEEP_CELLS)), igArgs), "median_ms"),
                // The same Python rounds against Java's trials one after another: the speed-up stacking buys.
                new Config("sweep", "sweep " + SWEEP_CELLS + " ig cells sequential (round)", "cell-it/s", SWEEP_CELLS,
                        (b, x) -> IterationBenchmark.median(b.sweepRounds(SWEEP_CELLS, false, x.igIterations()), 3),
                        concat(List.of("sweep", "--cells", String.valueOf(SWEEP_CELLS)), igArgs), "median_ms"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private ReferenceBenchmark() {
    }

    public static List<Row> run(ComputeService compute, Options o, Consumer<String> log) throws Exception {
        if (!Files.isRegularFile(o.reference())) {
            throw GiaException.badInput("reference script " + o.reference() + " not found",
                    "pass --reference PATH to gia_reference.py (in the team's shared/reference folder)");
        }
        List<Config> chosen = configs(o).stream().filter(c -> o.configs().contains(c.key())).toList();
        Map<String, List<Double>> javaTimes = new LinkedHashMap<>();
        Map<String, List<Double>> python = new LinkedHashMap<>();
        for (Config c : chosen) {
            javaTimes.put(c.name(), new ArrayList<>());
            python.put(c.name(), new ArrayList<>());
        }
        for (int round = 1; round <= o.rounds(); round++) {
            for (int i = 0; i < chosen.size(); i++) {
                Config c = chosen.get(i);
                boolean pythonFirst = (round + i) % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean py = (k == 0) == pythonFirst;
                    double ms = py ? python(o, c) : compute.onComputeThread(o.device(),
                            (base, oracle) -> c.java().millis(new IterationBenchmark(base, oracle), o));
                    (py ? python : javaTimes).get(c.name()).add(ms);
                    log.accept(String.format(Locale.ROOT, "round %d %-42s %-6s %10.2f ms", round, c.name(),
                            py ? "python" : "java", ms));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Config c : chosen) {
            rows.add(new Row(c.name(), median(javaTimes.get(c.name())), median(python.get(c.name())),
                    javaTimes.get(c.name()), python.get(c.name()), c.unit(), c.unitsPerRun()));
        }
        return rows;
    }

    /** The reference's own instructions: OpenBLAS with one BLAS thread (Debian's torch is otherwise 4-7x slower). */
    static void pythonEnvironment(java.util.Map<String, String> env) {
        env.put("LD_LIBRARY_PATH", "/usr/lib/x86_64-linux-gnu/openblas-pthread");
        env.put("OPENBLAS_NUM_THREADS", "1");
    }

    private static double python(Options o, Config c) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(o.python().toString(), o.reference().toString()));
        cmd.addAll(c.python());
        if (!"cpu".equals(o.device())) {
            // The same convolution precision on both sides (see nd.CudaPrecision).
            cmd.addAll(List.of("--device", o.device(), "--tf32", "on".equals(System.getProperty("gia.tf32")) ? "on" : "off"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pythonEnvironment(pb.environment());
        Process p = pb.start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("RESULT")) {
                    result = line;
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw GiaException.badInput("the Python reference failed: " + all.toString().strip(),
                    "install it with `apt-get install -y python3-torch libopenblas0-pthread` and use /usr/bin/python3");
        }
        String key = c.pythonKey();
        String line = result;
        return Arrays.stream(line.split(" ")).filter(t -> t.startsWith(key + "="))
                .mapToDouble(t -> Double.parseDouble(t.substring(key.length() + 1))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + key + " in " + line));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
