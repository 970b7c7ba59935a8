package org.giaworkbench.store;

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

/** Events of a run made up on the host (no engine): what the store sees from a real one. */
final class SyntheticRun {

    static final RunInfo INFO = new RunInfo("cpu()", "PyTorch", "2.5.1", "0.33.0", "test", "17", 1234);

    final ExperimentSpec spec;
    final ImageBatch truth;
    final ImageBatch recon;
    final int[] labels;

    SyntheticRun(int batch, long seed) {
        spec = SpecJson.read("{\"name\": \"synthetic\", \"data\": {\"batch\": " + batch + "}, \"attack\": {\"id\": \"dlg\"}}");
        truth = random(batch, seed);
        recon = random(batch, seed + 1);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i;
        }
    }

    static ImageBatch random(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 3 * 8 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        return new ImageBatch(px, n, 3, 8, 8);
    }

    RunEvent.Started started() {
        return new RunEvent.Started(1, spec, INFO, truth, labels.clone(), 100);
    }

    ImageScores scores(double base) {
        int n = truth.count();
        double[] psnr = new double[n];
        double[] ssim = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            psnr[i] = base + i;
            ssim[i] = 0.1 * (i + 1);
            order[i] = i;
        }
        return new ImageScores(order, psnr, ssim, base + (n - 1) / 2.0, 0.05 * (n + 1), "psnr", "ssim", "none");
    }

    RunResult result(int iterations) {
        List<SeriesPoint> series = new ArrayList<>();
        for (int i = 1; i <= iterations; i++) {
            series.add(new SeriesPoint(i, 1.0 / i, i % 10 == 0 ? i / 10.0 : Double.NaN, i % 10 == 0 ? i / 1000.0 : Double.NaN));
        }
        return new RunResult(spec, RunStatus.FINISHED, "finished", INFO, truth, recon, labels.clone(), labels.clone(), 1.0,
                "order-free", scores(20), series, iterations, 1.0 / iterations, 2.5);
    }
}
