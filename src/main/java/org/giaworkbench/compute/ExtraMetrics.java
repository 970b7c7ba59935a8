package org.giaworkbench.compute;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.result.ExtraScore;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.metric.Jaccard;
import org.giaworkbench.metric.Rdlv;
import org.giaworkbench.metric.Ssim;
import org.giaworkbench.perceptual.ImageNetLabels;
import org.giaworkbench.perceptual.Lpips;
import org.giaworkbench.perceptual.LpipsChoice;

/**
 * The run's metrics beyond PSNR and SSIM: LPIPS (network chosen by {@code run.lpips}), RDLV against the
 * dataset's mean image, and the Jaccard similarity of ImageNet labels. LPIPS and RDLV are cheap and come
 * with the snapshots (at most every 2 s); Jaccard (a 224x224 classifier pass per image) only with the final result.
 * Lives on the compute thread; its networks are in the run's manager and close with it.
 */
final class ExtraMetrics implements AutoCloseable {

    private final ImageBatch truth;
    private final Dataset dataset;
    private final LpipsChoice choice;
    private final NDManager manager;
    private boolean loaded;
    private float[] prior;
    private Lpips lpips;
    private ImageNetLabels labels;
    private int[][] truthLabels;

    private ExtraMetrics(ImageBatch truth, Dataset dataset, LpipsChoice choice, NDManager manager) {
        this.truth = truth;
        this.dataset = dataset;
        this.choice = choice;
        this.manager = manager;
    }

    /**
     * Checks {@code run.lpips} now (a missing backbone file fails before the attack starts); the networks
     * and the prior are loaded at the first use, so the attack's first iterations are not delayed.
     */
    static ExtraMetrics open(String lpipsChoice, ImageBatch truth, Dataset dataset, NDManager runManager) {
        LpipsChoice choice = LpipsChoice.parse(lpipsChoice);
        if (choice.file() != null && !java.nio.file.Files.isRegularFile(choice.file())) {
            throw org.giaworkbench.core.GiaException.badInput("LPIPS backbone weights " + choice.file() + " do not exist",
                    "give a .npz made by tools/export_lpips_backbone.py, or run.lpips=squeeze");
        }
        return new ExtraMetrics(truth, dataset, choice, runManager);
    }

    private void load() {
        if (!loaded) {
            loaded = true;
            prior = priorImage(dataset, truth);
            lpips = choice.off() ? null : Lpips.load(choice, manager);
        }
    }

    /** The dataset's mean image over its first {@link Rdlv#PRIOR_IMAGES} images; null if shapes differ. */
    static float[] priorImage(Dataset dataset, ImageBatch truth) {
        if (dataset.channels() != truth.channels() || dataset.height() != truth.height() || dataset.width() != truth.width()
                || dataset.size() == 0) {
            return null;
        }
        int n = Math.min(Rdlv.PRIOR_IMAGES, dataset.size());
        List<float[]> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            images.add(dataset.image(i));
        }
        return Rdlv.meanImage(images);
    }

    /** LPIPS and RDLV of a reconstruction already paired to the truth order. */
    List<ExtraScore> snapshot(ImageBatch paired) {
        load();
        List<ExtraScore> out = new ArrayList<>(3);
        if (lpips != null) {
            double[] d = lpips.distance(truth, paired);
            out.add(new ExtraScore("lpips", lpips.label(), lpips.variant(), d, Rdlv.mean(d), true));
        }
        if (prior != null && truth.height() >= Ssim.WINDOW && truth.width() >= Ssim.WINDOW) {
            double[] r = Rdlv.perImage(truth, paired, prior);
            out.add(new ExtraScore("rdlv", "RDLV", Rdlv.VARIANT, r, Rdlv.mean(r), false));
        }
        return out;
    }

    /** Everything: the snapshot metrics and the Jaccard similarity of ImageNet labels. */
    List<ExtraScore> all(ImageBatch paired) {
        List<ExtraScore> out = new ArrayList<>(snapshot(paired));
        if (truth.channels() == 1 || truth.channels() == 3) {
            if (labels == null) {
                labels = ImageNetLabels.load(manager);
                truthLabels = labels.topK(truth);
            }
            double[] j = Jaccard.perImage(truthLabels, labels.topK(paired));
            out.add(new ExtraScore("jaccard", "Jaccard", Jaccard.VARIANT, j, Rdlv.mean(j), false));
        }
        return out;
    }

    @Override
    public void close() {
        if (lpips != null) {
            lpips.close();
        }
        if (labels != null) {
            labels.close();
        }
    }
}
