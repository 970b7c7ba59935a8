package org.giaworkbench.attack.ana;

import java.util.List;
import java.util.Set;
import org.giaworkbench.plugin.Family;
import org.giaworkbench.plugin.ParamSchema;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackPlugin;

/** The analytics-based attacks (ANA-GIA) as plugins. */
public final class AnaAttacks {

    private AnaAttacks() {
    }

    public static final class RobbingTheFedPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("robbing-the-fed", "Robbing the Fed", Family.ANA,
                    "Malicious server: an imprint module (linear + ReLU bins on a known input statistic) in front of "
                            + "the model; images come back in closed form from consecutive bins' gradients.",
                    "Fowl, Geiping, Czaja, Goldblum, Goldstein. Robbing the Fed: Directly obtaining private data in "
                            + "federated learning with modified models. ICLR 2022.",
                    ParamSchema.of(
                            ParamSpec.integer("bins", 1000, 2, 16384, "imprint bins (rows of the inserted layer)"),
                            ParamSpec.choice("statistic", "brightness", List.of("brightness", "random-projection"),
                                    "the linear input statistic each bin measures"),
                            ParamSpec.choice("distribution", "gaussian", List.of("gaussian", "laplace"),
                                    "distribution fitted to the statistic on the server's public data; bins at its quantiles"),
                            ParamSpec.flag("flatten-logits", true,
                                    "also shrink the last layer so that no confident prediction hides an image's bin")),
                    Set.of("malicious-server", "modifies-architecture", "batch>1", "closed-form"));
        }

        @Override
        public boolean assumesKnownLabels() {
            return false;
        }

        @Override
        public Attack create(ParamValues params) {
            return new RobbingTheFed(params);
        }
    }
}
