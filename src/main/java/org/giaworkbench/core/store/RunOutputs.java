package org.giaworkbench.core.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.core.result.RunExtras;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.spec.SpecJson;

/**
 * Writes a run's files: {@code summary.json} (spec, versions, device, timings, metrics),
 * {@code series.csv} (iteration, loss, psnr, ssim) and {@code reconstruction.png}. Each file is written
 * to a temporary name and moved into place, so a reader never sees half a file.
 */
public final class RunOutputs {

    public static final String SUMMARY = "summary.json";
    public static final String SERIES = "series.csv";
    public static final String GRID = "reconstruction.png";

    private RunOutputs() {
    }

    public static void writeAll(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(SUMMARY), out -> out.write(SpecJson.mapper().writeValueAsString(summary(result))));
        writeAtomically(dir.resolve(SERIES), out -> writeSeries(result, out));
        Path tmp = dir.resolve(GRID + ".tmp");
        ReconstructionGrid.write(result, tmp);
        Files.move(tmp, dir.resolve(GRID), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The summary as a JSON tree (non-finite numbers become null: JSON has no infinity). */
    public static ObjectNode summary(RunResult r) {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.put("status", r.status().name().toLowerCase(Locale.ROOT));
        root.put("message", r.message());
        root.set("spec", SpecJson.toTree(r.spec()));
        root.put("seed", r.spec().run().seed());
        ObjectNode versions = root.putObject("versions");
        versions.put("app", r.info().appVersion());
        versions.put("engine", r.info().engine() + " " + r.info().engineVersion());
        versions.put("djl", r.info().djlVersion());
        versions.put("java", r.info().javaVersion());
        root.put("device", r.info().device());
        root.put("wall_seconds", r.wallSeconds());
        root.put("iterations", r.iterations());
        number(root, "best_loss", r.bestLoss());
        root.put("model_parameters", r.info().parameterCount());
        ObjectNode metrics = root.putObject("metrics");
        ObjectNode psnr = metrics.putObject("psnr");
        psnr.put("variant", r.scores().psnrVariant());
        number(psnr, "mean", r.scores().psnrMean());
        array(psnr.putArray("per_image"), r.scores().psnr());
        ObjectNode ssim = metrics.putObject("ssim");
        ssim.put("variant", r.scores().ssimVariant());
        number(ssim, "mean", r.scores().ssimMean());
        array(ssim.putArray("per_image"), r.scores().ssim());
        for (ExtraScore e : r.scores().extra()) {
            ObjectNode node = metrics.putObject(e.key());
            node.put("label", e.label());
            node.put("variant", e.variant());
            node.put("lower_is_better", e.lowerIsBetter());
            number(node, "mean", e.mean());
            array(node.putArray("per_image"), e.perImage());
        }
        metrics.put("batch", r.truth().count());
        extras(root, metrics, r);
        number(root, "label_accuracy", r.labelAccuracy());
        root.put("label_accuracy_variant", r.labelAccuracyVariant());
        metrics.put("pairing", r.scores().pairingVariant());
        ArrayNode truthLabels = root.putArray("true_labels");
        for (int l : r.trueLabels()) {
            truthLabels.add(l);
        }
        ArrayNode recovered = root.putArray("recovered_labels");
        for (int l : r.recoveredLabels()) {
            recovered.add(l);
        }
        return root;
    }

    /** Exact recovery for every run; what a malicious server changed, its bins and target where it has them. */
    private static void extras(ObjectNode root, ObjectNode metrics, RunResult r) {
        RunExtras x = r.extras() == null ? RunExtras.NONE : r.extras();
        metrics.put("exact_recovered", x.exact().length == 0 ? 0 : x.exactRecovered());
        metrics.put("exact_variant", RunExtras.EXACT_VARIANT);
        x.attackMetrics().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> number(metrics, e.getKey(), e.getValue()));
        if (x.targetIndex() >= 0) {
            ObjectNode target = metrics.putObject("target");
            target.put("index", x.targetIndex());
            number(target, "psnr", x.targetPsnr());
            target.put("variant", "the batch image closest (PSNR) to the attack's single reconstruction");
        }
        ObjectNode server = root.putObject("server");
        server.put("modification", x.modification());
        server.put("added_parameters", x.addedParameters());
        if (x.bins() > 0) {
            server.put("bins", x.bins());
            ArrayNode bins = server.putArray("truth_bins");
            for (int b : x.truthBins()) {
                bins.add(b);
            }
        }
    }

    private static void writeSeries(RunResult r, Writer out) throws IOException {
        out.write("iteration,loss,psnr,ssim\n");
        for (SeriesPoint p : r.series()) {
            out.write(p.iteration() + "," + csv(p.loss()) + "," + csv(p.psnr()) + "," + csv(p.ssim()) + "\n");
        }
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                node.add(v);
            } else {
                node.addNull();
            }
        }
    }

    private interface WriterBody {
        void write(Writer out) throws IOException;
    }

    private static void writeAtomically(Path target, WriterBody body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            body.write(w);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
