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

    public static final class FishingPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("fishing", "Fishing", Family.ANA,
                    "Malicious server: the last layer is rewritten (class and feature fishing) so that one target "
                            + "image's gradient dominates the batch; Inverting Gradients then reconstructs it.",
                    "Wen, Geiping, Fowl, Goldblum, Goldstein. Fishing for user data in large-batch federated learning "
                            + "via gradient magnification. ICML 2022.",
                    ParamSchema.of(
                            ParamSpec.integer("target-class", -1, -1, 100_000,
                                    "class to fish (-1: the batch's rarest class; needs the labels)"),
                            ParamSpec.real("class-multiplier", 0.5, 1e-6, 1e6, "", "weight of the target class row (class fishing)"),
                            ParamSpec.real("bias-multiplier", 1000, 1, 1e6, "", "bias of every non-target class"),
                            ParamSpec.real("feature-multiplier", 300, 1e-3, 1e6, "", "weight on the fished feature, per standard deviation of that feature"),
                            ParamSpec.flag("feature-fishing", true, "fish one feature when the target class occurs more than once"),
                            ParamSpec.integer("iterations", 2000, 1, 1_000_000, "Inverting Gradients: Adam steps"),
                            ParamSpec.real("lr", 0.1, 1e-6, 10, "", "Inverting Gradients: learning rate"),
                            ParamSpec.real("tv", 1e-2, 0, 10, "", "Inverting Gradients: total-variation weight"),
                            ParamSpec.integer("restarts", 1, 1, 100, "Inverting Gradients: restarts")),
                    Set.of("malicious-server", "modifies-parameters", "batch>1", "labels-assumed", "single-target"));
        }

        @Override
        public boolean assumesKnownLabels() {
            return true;
        }

        @Override
        public Attack create(ParamValues params) {
            return new Fishing(params);
        }
    }
}
