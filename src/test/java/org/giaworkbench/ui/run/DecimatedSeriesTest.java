package org.giaworkbench.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimatedSeriesTest {

    @Test
    void aLongRunStaysUnderTheLimitAndSpansFirstToLast() {
        DecimatedSeries s = new DecimatedSeries(2000);
        for (int i = 1; i <= 100_000; i++) {
            s.add(i, Math.log10(1.0 / i));
            assertTrue(s.data().size() <= 2001, "size " + s.data().size() + " at " + i);
        }
        assertTrue(s.data().size() >= 1000, "keeps a useful density: " + s.data().size());
        assertEquals(1, s.data().get(0).getXValue().intValue());
        assertEquals(100_000, s.data().get(s.data().size() - 1).getXValue().intValue());
        for (int i = 1; i < s.data().size(); i++) {
            assertTrue(s.data().get(i).getXValue().doubleValue() > s.data().get(i - 1).getXValue().doubleValue());
        }
    }

    @Test
    void shortRunsKeepEveryPointAndSkipNonFiniteValues() {
        DecimatedSeries s = new DecimatedSeries(2000);
        for (int i = 0; i < 50; i++) {
            s.add(i, i == 10 ? Double.NaN : i);
        }
        assertEquals(49, s.data().size());
    }
}
