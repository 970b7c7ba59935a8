package org.giaworkbench.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimReport;
import org.giaworkbench.core.gradsim.GradSimRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gia gradsim}: the survey's Table II / Fig. 4 on the bundled CIFAR-10 images. */
@Command(name = "gradsim", mixinStandardHelpOptions = true,
        description = {"Cosine similarity of FedSGD gradients: an anchor image vs batches with k images of its label "
                + "(Table II, first row), each same-label image vs the all-same-label batch (last column), and mean "
                + "pairwise similarity of single-image gradients, per model state (Fig. 4).",
                "Example: ./gia gradsim --model resnet20 --weights untrained,bundled --k 1,2,4,8"})
final class GradSimCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "ARCH", defaultValue = "resnet20", description = "model.arch (${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--activation", defaultValue = "default", description = "model.activation (${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--weights", split = ",", defaultValue = "untrained,bundled",
            description = "model states to compare: untrained, bundled, FILE.npz (${DEFAULT-VALUE})")
    List<String> weights;

    @Option(names = "--k", split = ",", defaultValue = "1,2,4,8",
            description = "numbers of images sharing the anchor's label; the largest is the batch size (${DEFAULT-VALUE})")
    List<Integer> ks;

    @Option(names = "--label", defaultValue = "3", description = "the anchor's class (${DEFAULT-VALUE})")
    int label;

    @Option(names = "--seed", defaultValue = "0", description = "image choice and untrained weights (${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--normalization", defaultValue = "cifar10", description = "cifar10, imagenet, none (${DEFAULT-VALUE})")
    String normalization;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, cuda (${DEFAULT-VALUE})")
    String device;

    @Option(names = "--csv", paramLabel = "FILE", description = "CSV output (default: runs/gradsim-<time>.csv)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        GradSimRequest request = new GradSimRequest(arch, activation, weights, ks, label, seed, normalization, device);
        Path file = csv != null ? csv : Path.of("runs", "gradsim-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        OutputFolder.requireWritableParent(file, "--csv");
        GradSimReport report;
        try (ComputeService compute = new ComputeService()) {
            report = compute.gradientSimilarity(request).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GiaException g) {
                throw g;
            }
            throw e;
        }
        print(report, System.out);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(csv(report));
        }
        System.err.println("wrote " + file);
        return GiaCli.OK;
    }

    static void print(GradSimReport r, PrintStream out) {
        GradSimRequest q = r.request();
        out.printf(Locale.ROOT, "Gradient cosine similarity, %s on bundled CIFAR-10, anchor class %d, batch N=%d%n",
                q.arch(), q.label(), q.batch());
        for (GradSimReport.ModelRow row : r.rows()) {
            out.printf(Locale.ROOT, "%n[%s]%n  cos(g(x1), g(B_k)), k same-label images in a batch of %d:%n", row.weights(), q.batch());
            for (int t = 0; t < row.ks().length; t++) {
                out.printf(Locale.ROOT, "    k=%-3d %8.4f%n", row.ks()[t], row.anchorVsBatch()[t]);
            }
            out.printf(Locale.ROOT, "  cos(g(x_i), g(B_N)), all %d of the anchor's class:%n", q.batch());
            for (int i = 0; i < row.imageVsFullBatch().length; i++) {
                out.printf(Locale.ROOT, "    x%-3d %8.4f%n", i + 1, row.imageVsFullBatch()[i]);
            }
            out.printf(Locale.ROOT, "  mean pairwise cos of single-image gradients: same class %.4f, different classes %.4f%n",
                    row.sameLabelPairs(), row.otherLabelPairs());
        }
    }

    static String csv(GradSimReport r) {
        StringBuilder b = new StringBuilder("weights,measure,index,cosine\n");
        for (GradSimReport.ModelRow row : r.rows()) {
            for (int t = 0; t < row.ks().length; t++) {
                b.append(row.weights()).append(",anchor_vs_batch_k,").append(row.ks()[t]).append(',')
                        .append(row.anchorVsBatch()[t]).append('\n');
            }
            for (int i = 0; i < row.imageVsFullBatch().length; i++) {
                b.append(row.weights()).append(",image_vs_full_batch,").append(i + 1).append(',')
                        .append(row.imageVsFullBatch()[i]).append('\n');
            }
            b.append(row.weights()).append(",pairwise_same_class,,").append(row.sameLabelPairs()).append('\n');
            b.append(row.weights()).append(",pairwise_other_classes,,").append(row.otherLabelPairs()).append('\n');
        }
        return b.toString();
    }
}
