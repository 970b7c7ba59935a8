package org.giaworkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gia sweep} arguments: plans (dry run) and one-line errors, without running anything. */
class SweepCommandTest {

    @Test
    void aDryRunListsTheCellsOfAPresetWithOverrides(@TempDir Path dir) {
        GiaCliTest.Outcome o = GiaCliTest.gia("sweep", "--preset", "batch-size-quick", "--vary", "data.batch=1,16",
                "--seeds", "3", "--dry-run", "--db", dir.resolve("x.db").toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(6, o.out().lines().count(), o.out());
        assertTrue(o.out().contains("to do data.batch=16|seed=2"), o.out());
        GiaCliTest.Outcome two = GiaCliTest.gia("sweep", "--preset", "quickstart-dlg", "--vary", "data.batch=1,2",
                "--vary", "model.activation=relu,sigmoid", "--dry-run", "--db", dir.resolve("x.db").toString());
        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().contains("data.batch=2|model.activation=sigmoid|seed=0"), two.out());
    }

    @Test
    void badSweepsAreOneLineErrors(@TempDir Path dir) {
        String db = dir.resolve("x.db").toString();
        GiaCliTest.Outcome nothing = GiaCliTest.gia("sweep", "--preset", "quickstart-dlg", "--db", db);
        assertEquals(GiaCli.BAD_INPUT, nothing.code());
        assertTrue(nothing.err().contains("nothing to sweep"), nothing.err());
        GiaCliTest.Outcome unknown = GiaCliTest.gia("sweep", "--preset", "no-such", "--db", db);
        assertEquals(GiaCli.BAD_INPUT, unknown.code());
        assertTrue(unknown.err().contains("unknown preset"), unknown.err());
        GiaCliTest.Outcome vary = GiaCliTest.gia("sweep", "--preset", "quickstart-dlg", "--vary", "data.batch", "--db", db);
        assertEquals(GiaCli.BAD_INPUT, vary.code());
        assertTrue(vary.err().contains("key=v1,v2"), vary.err());
        GiaCliTest.Outcome metric = GiaCliTest.gia("sweep", "--preset", "quickstart-dlg", "--seeds", "2", "--metric", "lpips",
                "--db", db);
        assertEquals(GiaCli.BAD_INPUT, metric.code());
        assertEquals(1, metric.err().lines().count(), metric.err());
    }
}
