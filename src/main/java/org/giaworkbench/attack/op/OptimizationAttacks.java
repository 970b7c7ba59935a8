package org.giaworkbench.attack.op;

import java.util.List;
import java.util.Set;
import org.giaworkbench.plugin.Family;
import org.giaworkbench.plugin.ParamSchema;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackPlugin;

/** The optimization-based attacks (OP-GIA) as plugins; each class below is listed in META-INF/services. */
public final class OptimizationAttacks {

    private OptimizationAttacks() {
    }

    private static ParamSchema lbfgsSchema(int iterations) {
        return ParamSchema.of(
                ParamSpec.integer("iterations", iterations, 1, 1_000_000, "L-BFGS steps (each up to max-iter evaluations)"),
                ParamSpec.real("lr", 1.0, 1e-6, 100, "", "L-BFGS learning rate (initial step of the line search)"),
                ParamSpec.integer("max-iter", 20, 1, 1000, "inner iterations per L-BFGS step"),
                ParamSpec.integer("history", 100, 1, 1000, "L-BFGS history size"),
                ParamSpec.flag("line-search", true, "strong-Wolfe line search (as torch.optim.LBFGS line_search_fn)"),
                ParamSpec.real("tv", 0.0, 0, 10, "", "weight of a total-variation prior (0: plain DLG)"));
    }

    /** DLG: joint optimisation of images and soft labels. */
    public static final class DlgPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("dlg", "DLG", Family.OP,
                    "Squared-L2 gradient matching over dummy images and soft labels, L-BFGS.",
                    "Zhu, Liu, Han. Deep Leakage from Gradients. NeurIPS 2019.", lbfgsSchema(300), Set.of("labels-optional"));
        }

        @Override
        public boolean assumesKnownLabels() {
            return false;
        }

        @Override
        public Attack create(ParamValues params) {
            return new Dlg(params, false);
        }
    }

    /** iDLG: the label read off the last layer, then DLG on the images. */
    public static final class IdlgPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("idlg", "iDLG", Family.OP,
                    "Reads the label off the last layer's weight gradient, then DLG on the images with it fixed.",
                    "Zhao, Mopuri, Bilen. iDLG: Improved Deep Leakage from Gradients. arXiv:2001.02610, 2020.",
                    lbfgsSchema(300), Set.of("infers-labels"));
        }

        @Override
        public boolean assumesKnownLabels() {
            return false;
        }

        @Override
        public Attack create(ParamValues params) {
            return new Dlg(params, true);
        }
    }

    /** Inverting Gradients with the survey's defaults (section III-A). */
    public static final class InvertingGradientsPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("inverting-gradients", "Inverting Gradients", Family.OP,
                    "1 - cosine gradient similarity + total variation, Adam on signed gradients, boxed images.",
                    "Geiping, Bauermeister, Droege, Moeller. Inverting Gradients - How easy is it to break privacy in "
                            + "federated learning? NeurIPS 2020.",
                    ParamSchema.of(
                            ParamSpec.integer("iterations", 24_000, 1, 1_000_000, "Adam steps per restart"),
                            ParamSpec.real("lr", 0.1, 1e-6, 10, "", "Adam learning rate"),
                            ParamSpec.flag("lr-decay", true, "decay x0.1 at 3/8, 5/8 and 7/8 of the iterations"),
                            ParamSpec.real("tv", 1e-2, 0, 10, "", "total-variation weight (1e-2 CIFAR, 1e-6 ImageNet)"),
                            ParamSpec.flag("signed", true, "step on the sign of the gradient"),
                            ParamSpec.flag("boxed", true, "clamp images to the valid range after every step"),
                            ParamSpec.integer("restarts", 1, 1, 100, "independent trials; the lowest loss wins")),
                    Set.of("labels-assumed"));
        }

        @Override
        public boolean assumesKnownLabels() {
            return true;
        }

        @Override
        public Attack create(ParamValues params) {
            return new InvertingGradients(params);
        }
    }

    /**
     * GradInversion. The paper's defaults (ImageNet, ResNet-50): 20,000 Adam iterations at lr 0.1, a_tv 1e-4,
     * a_l2 1e-6, a_bn 0.1, a_group 0.01 over 4 seeds; here the iterations default to a CPU budget.
     */
    public static final class GradInversionPlugin implements AttackPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return new PluginDescriptor("gradinversion", "GradInversion", Family.OP,
                    "Squared-L2 gradient matching + TV + L2 + BatchNorm-statistics prior + group consistency over "
                            + "several seeds (mean of the group, no learned registration); labels from the last layer.",
                    "Yin, Mallya, Vahdat, Alvarez, Kautz, Molchanov. See through Gradients: Image Batch Recovery via "
                            + "GradInversion. CVPR 2021.",
                    ParamSchema.of(
                            ParamSpec.integer("iterations", 2_000, 1, 1_000_000, "Adam steps (the paper: 20,000)"),
                            ParamSpec.real("lr", 0.1, 1e-6, 10, "", "Adam learning rate"),
                            ParamSpec.real("scale", 1e-4, 1e-9, 1, "", "weight of the squared-L2 gradient distance against the priors"),
                            ParamSpec.choice("schedule", "cosine", List.of("cosine", "step", "constant"),
                                    "learning rate: warm-up then cosine decay, x0.1 at 3/8, 5/8, 7/8, or constant"),
                            ParamSpec.real("tv", 1e-4, 0, 10, "", "total-variation weight a_tv"),
                            ParamSpec.real("l2", 1e-6, 0, 10, "", "weight a_l2 of the image's L2 norm"),
                            ParamSpec.real("bn", 0.1, 0, 100, "", "weight a_bn of the BatchNorm-statistics prior"),
                            ParamSpec.integer("group", 4, 1, 16, "candidates from different seeds (1: no group term)"),
                            ParamSpec.real("group-weight", 1e-4, 0, 10, "", "weight a_group pulling each candidate to the registered group mean"),
                            ParamSpec.integer("register", 2, 0, 8, "largest shift (pixels) when registering candidates to their mean (0: plain mean)")),
                    Set.of("infers-labels", "batchnorm-prior"));
        }

        @Override
        public boolean assumesKnownLabels() {
            return false;
        }

        @Override
        public Attack create(ParamValues params) {
            return new GradInversion(params);
        }
    }
}
