package org.giaworkbench.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.result.SeriesPoint;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.junit.jupiter.api.Test;

/**
 * Our Inverting Gradients follows the plain-PyTorch reference step by step: the first ten losses of a
 * run on the untrained CIFAR ResNet-18 (model.init=reference, seed 0: the weights torch.manual_seed(0)
 * gives) and the first cat of the bundled CIFAR-10 file equal those of {@code tools/quality_reference.py}
 * on the same weights, image and starting point. The numbers were computed once by
 * {@code tools/ig_trajectory_reference.py} (Debian's PyTorch 1.13) and committed. Ten iterations cover
 * the cosine matching, the TV term, the signed Adam step, the box and all three step decays; a
 * mismatch in any of them moves the losses by far more than 1e-3.
 */
class IgTrajectoryParityTest {

    @Test
    void firstTenLossesMatchTheReference() throws Exception {
        JsonNode want;
        try (InputStream in = IgTrajectoryParityTest.class.getResourceAsStream("/parity/ig-trajectory.json")) {
            want = new ObjectMapper().readTree(in);
        }
        ExperimentSpec spec = SpecJson.read("""
                {"name": "ig-trajectory",
                 "data": {"source": "bundled-cifar10", "resolution": 32, "batch": 1, "seed": 0, "index": %d, "normalization": "cifar10"},
                 "model": {"arch": "resnet18-cifar", "activation": "default", "weights": "untrained", "seed": 0,
                           "batchNorm": "eval", "init": "reference"},
                 "fl": {"protocol": "fedsgd", "labels": "auto"},
                 "attack": {"id": "inverting-gradients", "params": {"iterations": 10, "tv": 0.01, "lr": 0.1}},
                 "run": {"device": "cpu", "seed": 0, "snapshotEvery": 10}}
                """.formatted(want.get("index").asInt()));
        RunResult result;
        try (ComputeService compute = new ComputeService()) {
            result = compute.submit(spec, e -> { }).outcome().get(10, TimeUnit.MINUTES);
        }
        assertEquals(RunStatus.FINISHED, result.status(), result.message());
        assertEquals(want.get("label").asInt(), result.trueLabels()[0], "the reference attacked the first cat");
        JsonNode losses = want.get("losses");
        List<SeriesPoint> series = result.series();
        assertEquals(losses.size(), series.size(), "one loss per iteration");
        for (int i = 0; i < losses.size(); i++) {
            double expected = losses.get(i).asDouble();
            double actual = series.get(i).loss();
            assertEquals(i + 1, series.get(i).iteration());
            assertEquals(expected, actual, 1e-3 * Math.abs(expected),
                    "loss at iteration " + (i + 1) + ": ours " + actual + ", reference " + expected);
        }
    }
}
