package org.giaworkbench.attack.op;

import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.spec.Presets;
import org.giaworkbench.core.spec.SpecJson;
import org.junit.jupiter.api.Test;

class ScratchRun {
    @Test
    void run() throws Exception {
        String preset = System.getProperty("preset", "quickstart-dlg");
        var tree = SpecJson.presetTree(preset);
        for (String o : System.getProperty("sets", "").split(";")) if (!o.isBlank()) SpecJson.applyOverride(tree, o);
        var spec = SpecJson.bind(tree);
        try (ComputeService cs = new ComputeService()) {
            long t0 = System.nanoTime();
            var h = cs.submit(spec, e -> {
                if (e instanceof RunEvent.Snapshot s) System.out.printf("it %d psnr %.2f ssim %.3f%n", s.iteration(), s.scores().psnrMean(), s.scores().ssimMean());
                if (e instanceof RunEvent.Failed f) System.out.println("FAILED " + f.message() + " / " + f.hint());
            });
            RunResult r = h.outcome().get();
            System.out.printf("status %s psnr %.2f ssim %.3f it %d loss %.4g labels %s acc %.2f  %.1fs%n", r.status(), r.scores().psnrMean(), r.scores().ssimMean(), r.iterations(), r.bestLoss(), java.util.Arrays.toString(r.recoveredLabels()), r.labelAccuracy(), (System.nanoTime()-t0)/1e9);
        }
    }
}
