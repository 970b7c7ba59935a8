package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * The ImageNet model zoo of the survey's architecture comparison, in the torchvision configurations
 * (AlexNet, VGG-11/16 without BatchNorm, GoogLeNet without auxiliary heads, ResNet-50/101 v1.5),
 * with torchvision state-dict names so that {@code .npz} weights exported from torchvision load by name.
 *
 * <p>Differences from torchvision, all without parameters (so counts and names are unchanged):
 * <ul>
 *   <li>Every ReLU is the selectable activation.</li>
 *   <li>No dropout: the server cannot know the client's random masks, so a gradient it could match
 *       needs the deterministic network (torchvision's eval mode does the same).</li>
 *   <li>A max-pool whose input is smaller than its window pads by one (implicit minus infinity), where
 *       torchvision fails. Only AlexNet below 63 pixels needs it: at 32x32 its last pool sees 1x1.
 *       Adaptive average pooling (AlexNet 6x6, VGG 7x7, GoogLeNet/ResNet 1x1) then fits any size.</li>
 * </ul>
 */
final class ImageNetArchitectures {

    private ImageNetArchitectures() {
    }

    /** torchvision {@code alexnet}: five convolutions, three max-pools, adaptive 6x6 average pool, three linear layers. */
    static Architectures.Built alexNet(ActivationKind act, int numClasses) {
        LayerNames n = new LayerNames();
        SequentialBlock net = new SequentialBlock()
                .add(n.conv("features.0", 64, 11, 4, 2, true)).add(act.block()).add(maxPool(3, 2, 0, false))
                .add(n.conv("features.3", 192, 5, 1, 2, true)).add(act.block()).add(maxPool(3, 2, 0, false))
                .add(n.conv("features.6", 384, 3, 1, 1, true)).add(act.block())
                .add(n.conv("features.8", 256, 3, 1, 1, true)).add(act.block())
                .add(n.conv("features.10", 256, 3, 1, 1, true)).add(act.block()).add(maxPool(3, 2, 0, false))
                .add(adaptiveAvgPool(6)).add(LayerNames.flatten())
                .add(n.linear("classifier.1", 4096)).add(act.block())
                .add(n.linear("classifier.4", 4096)).add(act.block())
                .add(n.linear("classifier.6", numClasses));
        return new Architectures.Built(net, n.names());
    }

    /** torchvision configuration "A" (VGG-11) and "D" (VGG-16); 0 marks a 2x2 max-pool. */
    private static final int[] VGG11 = {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0};
    private static final int[] VGG16 = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    /** torchvision {@code vgg11} / {@code vgg16} (no BatchNorm): 3x3 convolutions, adaptive 7x7 average pool, three linear layers. */
    static Architectures.Built vgg(int depth, ActivationKind act, int numClasses) {
        int[] plan = switch (depth) {
            case 11 -> VGG11;
            case 16 -> VGG16;
            default -> throw new IllegalArgumentException("VGG depth 11 or 16, got " + depth);
        };
        LayerNames n = new LayerNames();
        SequentialBlock net = new SequentialBlock();
        int index = 0; // torchvision counts every module of "features", activations and pools too
        for (int width : plan) {
            if (width == 0) {
                net.add(maxPool(2, 2, 0, false));
                index++;
            } else {
                net.add(n.conv("features." + index, width, 3, 1, 1, true)).add(act.block());
                index += 2;
            }
        }
        net.add(adaptiveAvgPool(7)).add(LayerNames.flatten())
                .add(n.linear("classifier.0", 4096)).add(act.block())
                .add(n.linear("classifier.3", 4096)).add(act.block())
                .add(n.linear("classifier.6", numClasses));
        return new Architectures.Built(net, n.names());
    }

    /**
     * torchvision {@code googlenet(aux_logits=False, transform_input=False)}: BasicConv2d = convolution
     * without bias + BatchNorm (eps 0.001) + activation; nine inception modules; ceil-mode max-pools.
     * Like torchvision, the "5x5" branch uses a 3x3 convolution.
     */
    static Architectures.Built googLeNet(ActivationKind act, int numClasses) {
        LayerNames n = new LayerNames();
        SequentialBlock net = new SequentialBlock()
                .add(basicConv(n, "conv1", 64, 7, 2, 3, act)).add(maxPool(3, 2, 0, true))
                .add(basicConv(n, "conv2", 64, 1, 1, 0, act))
                .add(basicConv(n, "conv3", 192, 3, 1, 1, act)).add(maxPool(3, 2, 0, true))
                .add(inception(n, "inception3a", 64, 96, 128, 16, 32, 32, act))
                .add(inception(n, "inception3b", 128, 128, 192, 32, 96, 64, act)).add(maxPool(3, 2, 0, true))
                .add(inception(n, "inception4a", 192, 96, 208, 16, 48, 64, act))
                .add(inception(n, "inception4b", 160, 112, 224, 24, 64, 64, act))
                .add(inception(n, "inception4c", 128, 128, 256, 24, 64, 64, act))
                .add(inception(n, "inception4d", 112, 144, 288, 32, 64, 64, act))
                .add(inception(n, "inception4e", 256, 160, 320, 32, 128, 128, act)).add(maxPool(2, 2, 0, true))
                .add(inception(n, "inception5a", 256, 160, 320, 32, 128, 128, act))
                .add(inception(n, "inception5b", 384, 192, 384, 48, 128, 128, act))
                .add(Pool.globalAvgPool2dBlock()).add(LayerNames.flatten())
                .add(n.linear("fc", numClasses));
        return new Architectures.Built(net, n.names());
    }

    private static Block basicConv(LayerNames n, String name, int out, int kernel, int stride, int padding,
                                   ActivationKind act) {
        return new SequentialBlock().add(n.conv(name + ".conv", out, kernel, stride, padding, false))
                .add(n.batchNorm(name + ".bn", 1e-3f)).add(act.block());
    }

    private static Block inception(LayerNames n, String name, int c1, int c3red, int c3, int c5red, int c5, int pool,
                                   ActivationKind act) {
        // Branches are created in torchvision's order, so the recorded names follow DJL's parameter order.
        Block b1 = basicConv(n, name + ".branch1", c1, 1, 1, 0, act);
        Block b2 = new SequentialBlock().add(basicConv(n, name + ".branch2.0", c3red, 1, 1, 0, act))
                .add(basicConv(n, name + ".branch2.1", c3, 3, 1, 1, act));
        Block b3 = new SequentialBlock().add(basicConv(n, name + ".branch3.0", c5red, 1, 1, 0, act))
                .add(basicConv(n, name + ".branch3.1", c5, 3, 1, 1, act));
        Block b4 = new SequentialBlock().add(maxPool(3, 1, 1, true))
                .add(basicConv(n, name + ".branch4.1", pool, 1, 1, 0, act));
        return new ParallelBlock(list -> {
            NDList outs = new NDList(list.size());
            for (NDList l : list) {
                outs.add(l.singletonOrThrow());
            }
            return new NDList(NDArrays.concat(outs, 1));
        }, List.of(b1, b2, b3, b4));
    }

    /**
     * torchvision {@code resnet50} / {@code resnet101} (v1.5: the stride sits on the 3x3 convolution):
     * 7x7 stride-2 stem + max-pool, bottleneck stages of [3, 4, 6, 3] / [3, 4, 23, 3] blocks, 1x1
     * convolution + BatchNorm downsampling where the shape changes, global average pool, linear.
     */
    static Architectures.Built resNet(int depth, ActivationKind act, int numClasses) {
        int[] blocks = switch (depth) {
            case 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            default -> throw new IllegalArgumentException("ResNet depth 50 or 101, got " + depth);
        };
        LayerNames n = new LayerNames();
        SequentialBlock net = new SequentialBlock()
                .add(n.conv("conv1", 64, 7, 2, 3, false)).add(n.batchNorm("bn1")).add(act.block())
                .add(maxPool(3, 2, 1, false));
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = 64 << stage;
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                net.add(bottleneck(n, "layer" + (stage + 1) + "." + b, in, width, stride, act));
                in = width * 4;
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(LayerNames.flatten()).add(n.linear("fc", numClasses));
        return new Architectures.Built(net, n.names());
    }

    /**
     * torchvision {@code resnet18}: the ImageNet stem, [2, 2, 2, 2] basic blocks of 64..512 channels with
     * 1x1 convolution + BatchNorm downsampling, global average pool, linear. The survey's baseline network.
     */
    static Architectures.Built resNet18(ActivationKind act, int numClasses) {
        LayerNames n = new LayerNames();
        SequentialBlock net = new SequentialBlock()
                .add(n.conv("conv1", 64, 7, 2, 3, false)).add(n.batchNorm("bn1")).add(act.block())
                .add(maxPool(3, 2, 1, false));
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int width = 64 << stage;
            for (int b = 0; b < 2; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                String prefix = "layer" + (stage + 1) + "." + b;
                SequentialBlock main = new SequentialBlock()
                        .add(n.conv(prefix + ".conv1", width, 3, stride, 1, false)).add(n.batchNorm(prefix + ".bn1"))
                        .add(act.block())
                        .add(n.conv(prefix + ".conv2", width, 3, 1, 1, false)).add(n.batchNorm(prefix + ".bn2"));
                Block side = stride != 1 || in != width
                        ? new SequentialBlock().add(n.conv(prefix + ".downsample.0", width, 1, stride, 0, false))
                                .add(n.batchNorm(prefix + ".downsample.1"))
                        : Blocks.identityBlock();
                net.add(new SequentialBlock()
                        .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow()
                                .add(list.get(1).singletonOrThrow())), List.of(main, side)))
                        .add(act.block()));
                in = width;
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(LayerNames.flatten()).add(n.linear("fc", numClasses));
        return new Architectures.Built(net, n.names());
    }

    private static Block bottleneck(LayerNames n, String prefix, int in, int width, int stride, ActivationKind act) {
        int out = width * 4;
        SequentialBlock main = new SequentialBlock()
                .add(n.conv(prefix + ".conv1", width, 1, 1, 0, false)).add(n.batchNorm(prefix + ".bn1")).add(act.block())
                .add(n.conv(prefix + ".conv2", width, 3, stride, 1, false)).add(n.batchNorm(prefix + ".bn2")).add(act.block())
                .add(n.conv(prefix + ".conv3", out, 1, 1, 0, false)).add(n.batchNorm(prefix + ".bn3"));
        Block side = stride != 1 || in != out
                ? new SequentialBlock().add(n.conv(prefix + ".downsample.0", out, 1, stride, 0, false))
                        .add(n.batchNorm(prefix + ".downsample.1"))
                : Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        List.of(main, side)))
                .add(act.block());
    }

    /**
     * Square max-pool. If the input is smaller than the window (and no padding is set), it pads by
     * one so that the output has at least one pixel, instead of failing as torchvision does.
     */
    static Block maxPool(int kernel, int stride, int padding, boolean ceilMode) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            long h = x.getShape().get(2);
            long w = x.getShape().get(3);
            int pad = padding == 0 && (h < kernel || w < kernel) ? kernel / 2 : padding;
            return new NDList(Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride),
                    new Shape(pad, pad), ceilMode));
        }, "maxPool" + kernel);
    }

    /** torch {@code AdaptiveAvgPool2d(size)}: identity when the input already has that size, replication from 1x1. */
    static Block adaptiveAvgPool(int size) {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            if (x.getShape().get(2) == size && x.getShape().get(3) == size) {
                return new NDList(x);
            }
            return new NDList(JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(size, size)));
        }, "adaptiveAvgPool" + size);
    }
}
