package org.giaworkbench.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The resolution presets: one spec per resolution and budget, differing only in resolution (and budget). */
class ResolutionPresetsTest {

    @Test
    void eachResolutionPresetNamesItsResolutionAndNothingElseDiffers() {
        for (String budget : new String[] {"quick", "paper"}) {
            ExperimentSpec base = Presets.load("resolution-32-" + budget);
            for (int res : new int[] {32, 64, 128, 224}) {
                String name = "resolution-" + res + "-" + budget;
                assertTrue(Presets.names().contains(name), name);
                ExperimentSpec s = Presets.load(name);
                assertEquals(res, s.data().resolution(), name);
                assertEquals("bundled-imagenet", s.data().source());
                assertEquals("resnet18", s.model().arch());
                assertEquals("inverting-gradients", s.attack().id());
                assertEquals(budget.equals("quick") ? 200 : 24000, ((Number) s.attack().params().get("iterations")).intValue());
                assertEquals(base.model(), s.model(), name);
                assertEquals(base.attack(), s.attack(), name);
            }
        }
    }
}
