package org.giaworkbench.ui.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.store.ExperimentStore;
import org.giaworkbench.store.RunRecorder;
import org.giaworkbench.store.RunTags;

/** Writes made-up runs into a store through its public recorder, as a real run would (no engine). */
public final class StoredRunFixture {

    public static final RunInfo INFO = new RunInfo("cpu()", "PyTorch", "2.5.1", "0.33.0", "test", "17", 1234);

    private StoredRunFixture() {
    }

    /** A finished run of {@code attack} on {@code model}; its images are drawn from {@code imageSeed}. */
    public static long finished(ExperimentStore store, String attack, String model, int batch, double psnr, long imageSeed) {
        ExperimentSpec spec = SpecJson.read("{\"name\": \"fixture\", \"data\": {\"batch\": " + batch + "}, \"model\": {\"arch\": \""
                + model + "\"}, \"attack\": {\"id\": \"" + attack + "\"}}");
        ImageBatch truth = random(batch, imageSeed);
        ImageBatch recon = random(batch, imageSeed + 1000);
        int[] labels = new int[batch];
        double[] psnrs = new double[batch];
        double[] ssims = new double[batch];
        int[] order = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i;
            psnrs[i] = psnr + i;
            ssims[i] = 0.5;
            order[i] = i;
        }
        double mean = psnr + (batch - 1) / 2.0;
        ImageScores scores = new ImageScores(order, psnrs, ssims, mean, 0.5, "psnr", "ssim", "none");
        List<SeriesPoint> series = new ArrayList<>();
        for (int it = 1; it <= 40; it++) {
            series.add(new SeriesPoint(it, 1.0 / it, it % 10 == 0 ? mean * it / 40.0 : Double.NaN,
                    it % 10 == 0 ? 0.5 * it / 40.0 : Double.NaN));
        }
        RunResult result = new RunResult(spec, RunStatus.FINISHED, "finished", INFO, truth, recon, labels, labels, 1.0,
                "order-free", scores, series, 40, 0.025, 3.5);
        RunRecorder rec = store.recorder(spec, RunTags.NONE, null);
        rec.accept(new RunEvent.Started(1, spec, INFO, truth, labels, 40));
        rec.accept(new RunEvent.Finished(1, result));
        return rec.storedId().orElseThrow();
    }

    /** Events of a finished run of {@code spec} with the given mean PSNR, as the compute service sends them. */
    public static List<RunEvent> events(ExperimentSpec spec, double psnr) {
        int batch = spec.data().batch();
        ImageBatch truth = random(batch, 1);
        int[] labels = new int[batch];
        double[] psnrs = new double[batch];
        double[] ssims = new double[batch];
        int[] order = new int[batch];
        for (int i = 0; i < batch; i++) {
            psnrs[i] = psnr;
            order[i] = i;
        }
        ImageScores scores = new ImageScores(order, psnrs, ssims, psnr, 0, "psnr", "ssim", "none");
        RunResult result = new RunResult(spec, RunStatus.FINISHED, "finished", INFO, truth, random(batch, 2), labels, labels,
                1.0, "order-free", scores, List.of(new SeriesPoint(1, 1, psnr, 0)), 1, 1, 0.1);
        return List.of(new RunEvent.Started(1, spec, INFO, truth, labels, 1),
                new RunEvent.Progress(1, 1, 1, 1, 1, 10, 0.1, 0), new RunEvent.Finished(1, result));
    }

    public static ImageBatch random(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 3 * 8 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        return new ImageBatch(px, n, 3, 8, 8);
    }
}
