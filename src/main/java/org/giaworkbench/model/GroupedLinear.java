package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code groups} independent linear layers side by side: the input's features are {@code groups} blocks
 * of equal width, block k goes through layer k, and the outputs are concatenated in the same order. The
 * weight is the layers' weights stacked ({@code groups * units} rows), so that replica k's part is a
 * contiguous slice, as in a grouped convolution. With one group it is an ordinary linear layer.
 */
final class GroupedLinear extends AbstractBlock {

    private final long units;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    GroupedLinear(long units, int groups) {
        super((byte) 1);
        this.units = units;
        this.groups = groups;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        long batch = x.getShape().get(0);
        long in = x.getShape().get(1) / groups;
        // [B, G*in] -> [G, B, in] x [G, in, units] -> [G, B, units] -> [B, G*units]
        NDArray xs = x.reshape(batch, groups, in).transpose(1, 0, 2);
        // Views of the parameters would join the model's manager (a result goes to its first operand's)
        // and outlive the forward: they belong to the input's scope instead.
        NDArray ws = w.reshape(groups, units, in);
        ws.attach(x.getManager());
        NDArray y = xs.matMul(ws.transpose(0, 2, 1)).transpose(1, 0, 2).reshape(batch, groups * units);
        NDArray bs = b.reshape(1, groups * units);
        bs.attach(x.getManager());
        return new NDList(y.add(bs));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), groups * units)};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        long features = inputShapes[0].get(inputShapes[0].dimension() - 1);
        if (features % groups != 0) {
            throw new IllegalArgumentException(features + " input features do not split into " + groups + " groups");
        }
        weight.setShape(new Shape(groups * units, features / groups));
        bias.setShape(new Shape(groups * units));
    }
}
