package org.giaworkbench.fl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.core.result.CheckReport;
import org.junit.jupiter.api.Test;

/**
 * The client-side check over the evaluation set of {@code ./gia check --table}: Robbing the Fed (64,
 * 1,000 and 4,096 bins; brightness and random projections; Gaussian and Laplace cut-offs; with and
 * without the shrunk classifier; ResNet-20 and LeNet) and Fishing (class and feature fishing; trained,
 * untrained, LeNet) must all be flagged; untrained ResNet-20/32/56 and LeNet with several seeds, the
 * bundled trained ResNet-20 and two fine-tuned variants of it (3 and 10 SGD steps) must all pass.
 */
class ClientCheckTest {

    @Test
    void flagsEveryMaliciousModelAndNoHonestOne() throws Exception {
        List<CheckReport.Case> cases;
        try (ComputeService compute = new ComputeService()) {
            cases = compute.checkTable();
        }
        StringBuilder log = new StringBuilder();
        for (CheckReport.Case c : cases) {
            log.append('\n').append(c.malicious() ? "malicious " : "honest    ").append(c.name()).append(" -> ")
                    .append(c.report().firedChecks());
        }
        assertTrue(cases.stream().filter(CheckReport.Case::malicious).count() >= 10, log.toString());
        assertTrue(cases.stream().filter(c -> !c.malicious()).count() >= 13, log.toString());
        assertTrue(cases.stream().allMatch(CheckReport.Case::correct), log.toString());
    }

    /** Each check fires for the reason it names: the imprint module trips three of them, Fishing the last. */
    @Test
    void theChecksThatFireNameTheAttacksTraces() throws Exception {
        try (ComputeService compute = new ComputeService()) {
            CheckReport rtf = compute.checkModel(org.giaworkbench.core.spec.SpecJson.bind(
                    org.giaworkbench.core.spec.SpecJson.presetTree("robbing-the-fed-b64")));
            assertTrue(rtf.firedChecks().equals("architecture,bias-ladder,scaled-copies"), rtf.toString());
            CheckReport fishing = compute.checkModel(org.giaworkbench.core.spec.SpecJson.bind(
                    org.giaworkbench.core.spec.SpecJson.presetTree("fishing-b32")));
            assertTrue(fishing.firedChecks().equals("class-weights"), fishing.toString());
        }
    }
}
