package org.giaworkbench.compute.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;

/**
 * A sweep's cells run as one stacked group and then one by one, end to end through the compute
 * service (no store): the wall times, the speed-up, and how far each cell's first evaluation and final
 * PSNR are from its run alone. {@code ./gia bench --sweep-check N}.
 */
public final class SweepCheck {

    /** One cell's two runs. */
    public record Cell(int index, double firstLossGroup, double firstLossAlone, double psnrGroup, double psnrAlone) {
        public double firstLossRelative() {
            return Math.abs(firstLossGroup - firstLossAlone) / Math.abs(firstLossAlone);
        }
    }

    /** The outcome: wall seconds of the group and of the cells one by one, and every cell. */
    public record Report(boolean stacked, double groupSeconds, double aloneSeconds, List<Cell> cells) {
        public double speedUp() {
            return aloneSeconds / groupSeconds;
        }
    }

    private SweepCheck() {
    }

    /** The cells: IG on the CIFAR ResNet-18, batch 1, bundled CIFAR-10 image i, {@code iterations} each. */
    static ExperimentSpec cell(int i, int iterations, String device) {
        return SpecJson.read("""
                {"name": "sweep-check-%d",
                 "data": {"source": "bundled-cifar10", "resolution": 32, "batch": 1, "seed": 0, "index": %d, "normalization": "cifar10"},
                 "model": {"arch": "resnet18-cifar", "activation": "default", "weights": "untrained", "seed": 0, "batchNorm": "eval"},
                 "fl": {"protocol": "fedsgd", "labels": "auto"},
                 "attack": {"id": "inverting-gradients", "params": {"iterations": %d, "tv": 0.01}},
                 "run": {"device": "%s", "seed": %d, "snapshotEvery": %d}}
                """.formatted(i, i, iterations, device, i, Math.max(1, iterations / 4)));
    }

    public static Report run(ComputeService compute, int cells, int iterations, String device, Consumer<String> log)
            throws Exception {
        List<ExperimentSpec> specs = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            specs.add(cell(i, iterations, device));
        }
        boolean stacked = compute.stacks(specs);
        log.accept("group of " + cells + " cells, " + (stacked ? "stacked" : "not stacked (one by one)") + "; "
                + compute.deviceMemory(device));
        double[] firstGroup = new double[cells];
        List<RunEventSink> sinks = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            sinks.add(firstLoss(firstGroup, i));
        }
        long t0 = System.nanoTime();
        List<RunResult> group = new ArrayList<>();
        for (RunHandle h : compute.submitGroup(specs, sinks)) {
            group.add(h.outcome().get(60, TimeUnit.MINUTES));
        }
        double groupSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "group: %.1f s; %s", groupSeconds, compute.deviceMemory(device)));
        double[] firstAlone = new double[cells];
        List<RunResult> alone = new ArrayList<>();
        t0 = System.nanoTime();
        for (int i = 0; i < cells; i++) {
            alone.add(compute.submit(specs.get(i), firstLoss(firstAlone, i)).outcome().get(60, TimeUnit.MINUTES));
        }
        double aloneSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "one by one: %.1f s; %s", aloneSeconds, compute.deviceMemory(device)));
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            out.add(new Cell(i, firstGroup[i], firstAlone[i], psnr(group.get(i)), psnr(alone.get(i))));
        }
        return new Report(stacked, groupSeconds, aloneSeconds, out);
    }

    private static double psnr(RunResult r) {
        return r == null ? Double.NaN : r.scores().psnrMean();
    }

    /** A sink that keeps the loss of the run's first iteration. */
    private static RunEventSink firstLoss(double[] into, int index) {
        into[index] = Double.NaN;
        return e -> {
            if (e instanceof RunEvent.Progress p && p.iteration() == 1) {
                into[index] = p.loss();
            }
        };
    }
}
