package org.giaworkbench.core.spec;

/**
 * The model the federation trains.
 *
 * @param arch       a model id, e.g. {@code lenet-dlg}, {@code resnet20}, {@code resnet18-cifar}
 * @param activation {@code default} (the architecture's own) or relu, sigmoid, tanh, leaky-relu, gelu, rrelu
 * @param weights    {@code untrained} (seeded initialisation), {@code bundled} (the trained weights shipped
 *                   for this architecture), {@code trained:K} (the checkpoint {@code gia train} wrote after K
 *                   epochs of this architecture and activation on the spec's dataset, see
 *                   {@code core.train.Checkpoints}) or a path to a {@code .npz} file with PyTorch parameter names
 * @param seed       seeds the initialisation of untrained weights
 * @param batchNorm  {@code train} (batch statistics) or {@code eval} (running statistics)
 * @param numClasses output classes; null means the dataset's
 */
public record ModelSpec(String arch, String activation, String weights, long seed, String batchNorm,
                        Integer numClasses) {

    public static ModelSpec defaults() {
        return new ModelSpec("lenet-dlg", "default", "untrained", 0, "eval", null);
    }
}
