package org.giaworkbench.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds layers while recording their PyTorch state-dict names in DJL's parameter order, so that
 * weights move between the two by name (trained checkpoints, parity checks with the reference).
 */
final class LayerNames {

    private final List<String> names = new ArrayList<>();
    private final int replicas;

    LayerNames() {
        this(1);
    }

    /**
     * @param replicas how many copies of the network run side by side (see {@link Replicas}): every
     *                 convolution is grouped by replica and every linear layer is a {@link GroupedLinear}
     */
    LayerNames(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        this.replicas = replicas;
    }

    int replicas() {
        return replicas;
    }

    List<String> names() {
        return List.copyOf(names);
    }

    Block conv(String name, int out, int kernel, int stride, int padding, boolean bias) {
        names.add(name + ".weight");
        if (bias) {
            names.add(name + ".bias");
        }
        Conv2d.Builder b = Conv2d.builder().setFilters(out * replicas).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(bias);
        return (replicas == 1 ? b : b.optGroups(replicas)).build();
    }

    /**
     * DJL momentum 0.9 is PyTorch's 0.1 (DJL passes 1 - momentum); epsilon 1e-5 as in PyTorch. Tapped,
     * so that priors on the layer's input statistics (GradInversion) can see what enters it.
     */
    Block batchNorm(String name) {
        return batchNorm(name, 1e-5f);
    }

    /** BatchNorm with another epsilon (torchvision's GoogLeNet uses 1e-3). */
    Block batchNorm(String name, float epsilon) {
        names.add(name + ".weight");
        names.add(name + ".bias");
        names.add(name + ".running_mean");
        names.add(name + ".running_var");
        return new BatchNormTap(BatchNorm.builder().optMomentum(0.9f).optEpsilon(epsilon).build());
    }

    Block linear(String name, int out) {
        names.add(name + ".weight");
        names.add(name + ".bias");
        return replicas == 1 ? Linear.builder().setUnits(out).optBias(true).build() : new GroupedLinear(out, replicas);
    }

    static Block flatten() {
        return Blocks.batchFlattenBlock();
    }
}
