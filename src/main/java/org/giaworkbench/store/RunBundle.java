package org.giaworkbench.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.core.store.ReconstructionGrid;
import org.giaworkbench.store.StoredRun.ImageKind;
import org.giaworkbench.store.StoredRun.ImageRef;

/**
 * A stored run as a folder anyone can open: {@code spec.json}, {@code summary.json}, {@code series.csv},
 * {@code images.csv} (per-image metrics), {@code reconstruction.png} (the grid), every image under
 * {@code images/}, and {@code report.html}, which shows them with the loss and PSNR curves drawn inline
 * (SVG) and needs nothing outside the folder.
 */
public final class RunBundle {

    public static final String SPEC = "spec.json";
    public static final String SUMMARY = "summary.json";
    public static final String SERIES = "series.csv";
    public static final String IMAGES_CSV = "images.csv";
    public static final String GRID = "reconstruction.png";
    public static final String REPORT = "report.html";
    public static final String IMAGE_DIR = "images";

    private RunBundle() {
    }

    /** Writes the bundle of run {@code id} into {@code dir} (created); returns the files written. */
    public static List<Path> write(ExperimentStore store, long id, Path dir) throws IOException {
        StoredRun run = store.require(id);
        List<SeriesPoint> series = store.series(id);
        Files.createDirectories(dir.resolve(IMAGE_DIR));
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve(SPEC), run.specJson()));
        written.add(write(dir.resolve(SUMMARY), SpecJson.mapper().writeValueAsString(summary(run))));
        StringBuilder csv = new StringBuilder("iteration,loss,psnr,ssim\n");
        for (SeriesPoint p : series) {
            csv.append(p.iteration()).append(',').append(num(p.loss())).append(',').append(num(p.psnr())).append(',')
                    .append(num(p.ssim())).append('\n');
        }
        written.add(write(dir.resolve(SERIES), csv.toString()));
        StringBuilder images = new StringBuilder("index,true_label,recovered_label,psnr,ssim,truth_file,reconstruction_file\n");
        int n = run.summary().batch();
        String[] truthFile = new String[n];
        String[] reconFile = new String[n];
        for (ImageRef ref : run.images()) {
            if (ref.index() >= n) {
                continue;
            }
            String name = String.format(Locale.ROOT, "%s/%s-%02d.png", IMAGE_DIR,
                    ref.kind() == ImageKind.TRUTH ? "truth" : "reconstruction", ref.index());
            Files.write(dir.resolve(name), store.png(ref.hash()));
            written.add(dir.resolve(name));
            if (ref.kind() == ImageKind.TRUTH) {
                truthFile[ref.index()] = name;
            } else {
                reconFile[ref.index()] = name;
            }
        }
        for (int i = 0; i < n; i++) {
            images.append(i).append(',').append(label(run.trueLabels(), i)).append(',').append(label(run.recoveredLabels(), i))
                    .append(',').append(num(run.psnr()[i])).append(',').append(num(run.ssim()[i])).append(',')
                    .append(truthFile[i] == null ? "" : truthFile[i]).append(',').append(reconFile[i] == null ? "" : reconFile[i])
                    .append('\n');
        }
        written.add(write(dir.resolve(IMAGES_CSV), images.toString()));
        Optional<ImageBatch> truth = store.images(id, ImageKind.TRUTH);
        Optional<ImageBatch> recon = store.images(id, ImageKind.RECONSTRUCTION);
        boolean grid = truth.isPresent() && recon.isPresent() && truth.get().count() == recon.get().count();
        if (grid) {
            ReconstructionGrid.write(truth.get(), recon.get(), run.psnr(), dir.resolve(GRID));
            written.add(dir.resolve(GRID));
        }
        written.add(write(dir.resolve(REPORT), html(run, series, truthFile, reconFile, grid)));
        return written;
    }

    static ObjectNode summary(StoredRun r) {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.put("id", r.id());
        root.put("created", r.summary().createdAt().toString());
        root.put("status", r.summary().status().key());
        root.put("message", r.message());
        root.set("spec", SpecJson.parse(r.specJson(), "stored spec"));
        root.put("seed", r.seed());
        ObjectNode versions = root.putObject("versions");
        r.versions().forEach(versions::put);
        root.put("device", r.device());
        number(root, "wall_seconds", r.summary().wallSeconds());
        root.put("iterations", r.summary().iterations());
        root.put("total_iterations", r.totalIterations());
        number(root, "best_loss", r.bestLoss());
        root.put("model_parameters", r.parameterCount());
        ObjectNode metrics = root.putObject("metrics");
        number(metrics, "psnr_mean", r.summary().psnrMean());
        number(metrics, "ssim_mean", r.summary().ssimMean());
        number(metrics, "label_accuracy", r.labelAccuracy());
        r.metrics().forEach((k, v) -> number(metrics, k, v));
        if (r.summary().sweepId() != null) {
            root.put("sweep_id", r.summary().sweepId());
            root.put("cell_key", r.summary().cellKey());
        }
        return root;
    }

    private static String html(StoredRun r, List<SeriesPoint> series, String[] truthFile, String[] reconFile, boolean grid) {
        RunSummary s = r.summary();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Run ").append(s.id())
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}img.px{image-rendering:pixelated;width:96px}"
                        + "pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body>\n");
        h.append("<h1>Run ").append(s.id()).append(": ").append(esc(s.attack())).append(" on ").append(esc(s.model()))
                .append(", ").append(esc(s.dataset())).append(", batch ").append(s.batch()).append("</h1>\n");
        h.append("<p>").append(esc(s.status().key())).append(" &mdash; ").append(esc(r.message())).append("<br>")
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(s.createdAt().atZone(ZoneId.systemDefault()).withNano(0)))
                .append(", ").append(s.iterations()).append(" of ").append(r.totalIterations()).append(" iterations in ")
                .append(fmt(s.wallSeconds(), "%.1f")).append(" s on ").append(esc(r.device())).append("</p>\n");
        h.append("<p><b>PSNR</b> ").append(fmt(s.psnrMean(), "%.2f")).append(" dB, <b>SSIM</b> ").append(fmt(s.ssimMean(), "%.4f"))
                .append(", label accuracy ").append(fmt(r.labelAccuracy(), "%.2f"));
        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
            h.append(", ").append(esc(m.getKey())).append(' ').append(fmt(m.getValue(), "%.4f"));
        }
        h.append("</p>\n");
        if (grid) {
            h.append("<h2>Ground truth (top) and reconstruction (bottom)</h2>\n<p><img src=\"").append(GRID)
                    .append("\" alt=\"reconstruction grid\"></p>\n");
        }
        h.append("<h2>Images</h2>\n<table><tr><th>#</th><th>label</th><th>ground truth</th><th>reconstruction</th>"
                + "<th>PSNR (dB)</th><th>SSIM</th></tr>\n");
        for (int i = 0; i < s.batch(); i++) {
            h.append("<tr><td>").append(i).append("</td><td>").append(label(r.trueLabels(), i)).append("</td><td>")
                    .append(img(truthFile[i])).append("</td><td>").append(img(reconFile[i])).append("</td><td>")
                    .append(fmt(r.psnr()[i], "%.2f")).append("</td><td>").append(fmt(r.ssim()[i], "%.4f")).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Loss (log10) and PSNR over the iterations</h2>\n");
        h.append(SvgChart.line(series, SeriesPoint::iteration, p -> p.loss() > 0 ? Math.log10(p.loss()) : Double.NaN,
                "log10 loss", "#1f77b4"));
        h.append(SvgChart.line(series, SeriesPoint::iteration, SeriesPoint::psnr, "PSNR (dB)", "#d62728"));
        h.append("<h2>Spec</h2>\n<pre>").append(esc(r.specJson())).append("</pre>\n");
        h.append("<p>Versions: ");
        r.versions().forEach((k, v) -> h.append(esc(k)).append(' ').append(esc(v)).append("; "));
        h.append("data files: <a href=\"").append(SERIES).append("\">").append(SERIES).append("</a>, <a href=\"")
                .append(IMAGES_CSV).append("\">").append(IMAGES_CSV).append("</a>, <a href=\"").append(SUMMARY).append("\">")
                .append(SUMMARY).append("</a></p>\n</body></html>\n");
        return h.toString();
    }

    private static String img(String file) {
        return file == null ? "&ndash;" : "<img class=\"px\" src=\"" + file + "\" alt=\"" + file + "\">";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String fmt(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "&ndash;";
    }

    private static String label(int[] labels, int i) {
        return i < labels.length ? Integer.toString(labels[i]) : "";
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
