package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/** Block graphs of the built-in architectures, with PyTorch-compatible parameter names. */
final class Architectures {

    private Architectures() {
    }

    /** A block graph and the PyTorch names of its parameters. */
    record Built(Block block, List<String> names) {
    }

    /**
     * The LeNet of DLG (Zhu et al., NeurIPS 2019): three 5x5 convolutions of 12 channels (strides 2, 2,
     * 1, padding 2), each followed by the activation (Sigmoid in the paper), then one linear layer.
     * Names follow the reference implementation ({@code body.0}, {@code body.2}, {@code body.4}, {@code fc}).
     */
    static Built lenetDlg(ActivationKind act, int numClasses, int replicas) {
        LayerNames n = new LayerNames(replicas);
        SequentialBlock net = new SequentialBlock()
                .add(n.conv("body.0", 12, 5, 2, 2, true)).add(act.block())
                .add(n.conv("body.2", 12, 5, 2, 2, true)).add(act.block())
                .add(n.conv("body.4", 12, 5, 1, 2, true)).add(act.block())
                .add(LayerNames.flatten())
                .add(n.linear("fc", numClasses));
        return new Built(net, n.names());
    }

    /**
     * The CIFAR ResNets of He et al. 2016 (ResNet-20/32/56: 3 stages of n basic blocks, 16/32/64
     * channels) with option-A shortcuts (stride-2 subsampling and zero-padded channels, no parameters).
     * Names follow the widely used PyTorch port whose trained weights we bundle ({@code layer1.0.conv1}, ...).
     */
    static Built cifarResNet(int depth, ActivationKind act, int numClasses, int replicas) {
        if ((depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("CIFAR ResNet depth must be 6n+2, got " + depth);
        }
        int blocksPerStage = (depth - 2) / 6;
        LayerNames n = new LayerNames(replicas);
        SequentialBlock net = new SequentialBlock()
                .add(n.conv("conv1", 16, 3, 1, 1, false)).add(n.batchNorm("bn1")).add(act.block());
        int in = 16;
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int b = 0; b < blocksPerStage; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                String prefix = "layer" + (stage + 1) + "." + b;
                Block shortcut = stride != 1 || in != widths[stage]
                        ? optionAShortcut(widths[stage] / 4, replicas) : Blocks.identityBlock();
                net.add(basicBlock(n, prefix, in, widths[stage], stride, act, shortcut, null));
                in = widths[stage];
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(LayerNames.flatten()).add(n.linear("linear", numClasses));
        return new Built(net, n.names());
    }

    /**
     * ResNet-18 with a CIFAR stem (3x3 convolution, stride 1, no max-pool), [2, 2, 2, 2] basic blocks of
     * 64..512 channels, 1x1 convolution + BatchNorm shortcuts. Names follow the reference implementation.
     */
    static Built resnet18Cifar(ActivationKind act, int numClasses, int replicas) {
        LayerNames n = new LayerNames(replicas);
        SequentialBlock net = new SequentialBlock()
                .add(n.conv("conv1", 64, 3, 1, 1, false)).add(n.batchNorm("bn1")).add(act.block());
        int in = 64;
        int index = 0;
        int[][] plan = {{64, 1}, {128, 2}, {256, 2}, {512, 2}, };
        for (int[] stage : plan) {
            for (int b = 0; b < 2; b++) {
                int out = stage[0];
                int stride = b == 0 ? stage[1] : 1;
                String prefix = "layers." + index++;
                net.add(basicBlock(n, prefix, in, out, stride, act, null, prefix + ".short"));
                in = out;
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(LayerNames.flatten()).add(n.linear("fc", numClasses));
        return new Built(net, n.names());
    }

    /**
     * conv-bn-act-conv-bn plus a shortcut, then the activation. With {@code projectionPrefix} the
     * shortcut (where needed) is a 1x1 convolution + BatchNorm named under that prefix.
     */
    private static Block basicBlock(LayerNames n, String prefix, int in, int out, int stride, ActivationKind act,
                                    Block shortcut, String projectionPrefix) {
        SequentialBlock main = new SequentialBlock()
                .add(n.conv(prefix + ".conv1", out, 3, stride, 1, false)).add(n.batchNorm(prefix + ".bn1")).add(act.block())
                .add(n.conv(prefix + ".conv2", out, 3, 1, 1, false)).add(n.batchNorm(prefix + ".bn2"));
        Block side = shortcut;
        if (side == null) {
            side = stride != 1 || in != out
                    ? new SequentialBlock().add(n.conv(projectionPrefix + ".0", out, 1, stride, 0, false))
                            .add(n.batchNorm(projectionPrefix + ".1"))
                    : Blocks.identityBlock();
        }
        return new SequentialBlock()
                .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        List.of(main, side)))
                .add(act.block());
    }

    /**
     * Option A of He et al.: take every second pixel and pad {@code pad} zero channels on each side (of
     * each replica's channels, when {@code replicas} networks run side by side).
     */
    private static Block optionAShortcut(int pad, int replicas) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow().get(new NDIndex(":, :, ::2, ::2"));
            Shape s = x.getShape();
            long channels = s.get(1) / replicas;
            NDArray grouped = x.reshape(s.get(0), replicas, channels, s.get(2), s.get(3));
            NDArray zeros = x.getManager().zeros(new Shape(s.get(0), replicas, pad, s.get(2), s.get(3)), x.getDataType(),
                    x.getDevice());
            return new NDList(NDArrays.concat(new NDList(zeros, grouped, zeros), 2)
                    .reshape(s.get(0), replicas * (channels + 2L * pad), s.get(2), s.get(3)));
        }, "optionA");
    }
}
