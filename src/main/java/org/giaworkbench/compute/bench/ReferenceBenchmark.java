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
    public record Row(String name, double javaMs, double pythonMs, List<Double> javaRounds, List<Double> pythonRounds) {
        public double ratio() {
            return javaMs / pythonMs;
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
    public static final List<String> CONFIGS = List.of("ig1", "ig4", "dlg");

    private ReferenceBenchmark() {
    }

    public static List<Row> run(ComputeService compute, Options o, Consumer<String> log) throws Exception {
        if (!Files.isRegularFile(o.reference())) {
            throw GiaException.badInput("reference script " + o.reference() + " not found",
                    "pass --reference PATH to gia_reference.py (in the team's shared/reference folder)");
        }
        String bn = o.batchNormTrain() ? "train" : "eval";
        Map<String, List<Double>> javaTimes = new LinkedHashMap<>();
        Map<String, List<Double>> python = new LinkedHashMap<>();
        String[] names = {"ig resnet18-cifar b1 bn-" + bn, "ig resnet18-cifar b4 bn-" + bn, "dlg lenet (ms/eval)"};
        for (String n : names) {
            javaTimes.put(n, new ArrayList<>());
            python.put(n, new ArrayList<>());
        }
        for (int round = 1; round <= o.rounds(); round++) {
            for (int c = 0; c < names.length; c++) {
                if (!o.configs().contains(CONFIGS.get(c))) {
                    continue;
                }
                String name = names[c];
                boolean pythonFirst = (round + c) % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean py = (k == 0) == pythonFirst;
                    double ms = py ? python(o, c, bn) : java(compute, o, c);
                    (py ? python : javaTimes).get(name).add(ms);
                    log.accept(String.format(Locale.ROOT, "round %d %-32s %-6s %8.2f ms", round, name,
                            py ? "python" : "java", ms));
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            String n = names[c];
            if (!o.configs().contains(CONFIGS.get(c))) {
                continue;
            }
            rows.add(new Row(n, median(javaTimes.get(n)), median(python.get(n)), javaTimes.get(n), python.get(n)));
        }
        return rows;
    }

    private static double java(ComputeService compute, Options o, int config) throws Exception {
        return compute.onComputeThread(o.device(), (base, oracle) -> {
            IterationBenchmark b = new IterationBenchmark(base, oracle);
            return switch (config) {
                case 0 -> IterationBenchmark.median(b.invertingGradientsSteps(1, o.batchNormTrain(), o.igIterations()), 3);
                case 1 -> IterationBenchmark.median(b.invertingGradientsSteps(4, o.batchNormTrain(), o.igIterations()), 3);
                default -> b.dlgMillisPerEvaluation(o.dlgSteps());
            };
        });
    }

    private static double python(Options o, int config, String bn) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(o.python().toString(), o.reference().toString()));
        if (config < 2) {
            cmd.addAll(List.of("ig", "--batch", config == 0 ? "1" : "4", "--bn", bn, "--iters",
                    String.valueOf(o.igIterations()), "--warmup", "3"));
        } else {
            cmd.addAll(List.of("dlg", "--iters", String.valueOf(o.dlgSteps())));
        }
        if (!"cpu".equals(o.device())) {
            cmd.addAll(List.of("--device", o.device()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The reference's own instructions: OpenBLAS with one BLAS thread, two torch threads.
        pb.environment().put("LD_LIBRARY_PATH", "/usr/lib/x86_64-linux-gnu/openblas-pthread");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
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
        String key = config < 2 ? "median_ms" : "ms_per_eval";
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
