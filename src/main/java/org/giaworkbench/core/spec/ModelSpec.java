package org.giaworkbench.core.spec;

/**
 * The model the federation trains.
 *
 * @param arch       a model id, e.g. {@code lenet-dlg}, {@code resnet20}, {@code resnet18-cifar}
 * @param activation {@code default} (the architecture's own) or relu, sigmoid, tanh, leaky-relu, gelu, rrelu
 * @param weights    {@code untrained} (seeded initialisation, see {@code init}), {@code bundled} (the trained
 *                   weights shipped for this architecture), {@code trained:K} (the checkpoint {@code gia train}
 *                   wrote after K epochs of this architecture and activation on the spec's dataset, see
 *                   {@code core.train.Checkpoints}) or a path to a {@code .npz} file with PyTorch parameter names
 * @param seed       seeds the initialisation of untrained weights
 * @param batchNorm  {@code train} (batch statistics) or {@code eval} (running statistics)
 * @param numClasses output classes; null means the dataset's
 * @param init       how untrained weights are drawn: {@code reference} (as the architecture's reference
 *                   implementation initialises it, from libtorch's generator: seed s gives PyTorch's weights
 *                   after {@code torch.manual_seed(s)}) or {@code workbench} (the scheme of the workbench's
 *                   first versions, java.util.Random; runs stored before {@code init} existed used it)
 */
public record ModelSpec(String arch, String activation, String weights, long seed, String batchNorm,
                        Integer numClasses, String init) {

    public static final String INIT_REFERENCE = "reference";
    public static final String INIT_WORKBENCH = "workbench";

    public ModelSpec {
        init = init == null ? INIT_REFERENCE : init;
    }

    /** With the default initialisation ({@code reference}). */
    public ModelSpec(String arch, String activation, String weights, long seed, String batchNorm, Integer numClasses) {
        this(arch, activation, weights, seed, batchNorm, numClasses, INIT_REFERENCE);
    }

    public static ModelSpec defaults() {
        return new ModelSpec("lenet-dlg", "default", "untrained", 0, "eval", null, INIT_REFERENCE);
    }

    public ModelSpec withInit(String newInit) {
        return new ModelSpec(arch, activation, weights, seed, batchNorm, numClasses, newInit);
    }
}
