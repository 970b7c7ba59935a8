package org.giaworkbench.attack.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.giaworkbench.attack.optim.LbfgsParams.LineSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LbfgsParamsTest {

    @Test
    void defaultsAreTorchs() {
        LbfgsParams p = LbfgsParams.defaults();
        assertEquals(1.0, p.lr());
        assertEquals(20, p.maxIter());
        assertEquals(25, p.maxEval());
        assertEquals(1e-7, p.toleranceGrad());
        assertEquals(1e-9, p.toleranceChange());
        assertEquals(100, p.historySize());
        assertEquals(LineSearch.NONE, p.lineSearch());
    }

    @Test
    void maxEvalFollowsMaxIterUnlessSet() {
        assertEquals(12, LbfgsParams.builder().maxIter(10).build().maxEval());
        assertEquals(1, LbfgsParams.builder().maxIter(1).build().maxEval());
        assertEquals(7, LbfgsParams.builder().maxIter(10).maxEval(7).build().maxEval());
    }

    @Test
    void rejectsInvalidSettingsWithNamedField() {
        assertRejected("lr", () -> LbfgsParams.builder().lr(0).build());
        assertRejected("lr", () -> LbfgsParams.builder().lr(Double.NaN).build());
        assertRejected("lr", () -> LbfgsParams.builder().lr(Double.POSITIVE_INFINITY).build());
        assertRejected("maxIter", () -> LbfgsParams.builder().maxIter(0).build());
        assertRejected("maxEval", () -> LbfgsParams.builder().maxEval(0).build());
        assertRejected("toleranceGrad", () -> LbfgsParams.builder().toleranceGrad(-1).build());
        assertRejected("toleranceChange", () -> LbfgsParams.builder().toleranceChange(Double.NaN).build());
        assertRejected("historySize", () -> LbfgsParams.builder().historySize(0).build());
        assertRejected("lineSearch", () -> LbfgsParams.builder().lineSearch(null).build());
        assertRejected("lr", () -> new LbfgsParams(-1, 20, 25, 1e-7, 1e-9, 100, LineSearch.NONE));
    }

    private static void assertRejected(String field, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(field + " "), ex.getMessage());
    }
}
