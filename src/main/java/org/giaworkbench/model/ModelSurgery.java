package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes a built model the way a malicious server would: inserts modules in front of it or rewrites
 * parameter values. The result is an ordinary {@link GiaModel}, so the client trains on it unaware.
 */
public final class ModelSurgery {

    /** Prefix of the parameter names of an inserted imprint module. */
    public static final String IMPRINT = "imprint";

    private ModelSurgery() {
    }

    /**
     * {@code base} behind a residual imprint module: {@code x + reshape(V relu(W flatten(x) + b) + c)}
     * with {@code bins} rows (Fowl et al. 2022). The base keeps its arrays (shared, not copied); the
     * module's parameters ({@code imprint.0.*} = W, b and {@code imprint.2.*} = V, c) are set by the caller.
     */
    public static GiaModel withImprint(GiaModel base, int bins) {
        Shape in = base.inputShape();
        long c = in.get(1);
        long h = in.get(2);
        long w = in.get(3);
        int values = Math.toIntExact(c * h * w);
        SequentialBlock branch = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(bins).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(values).build())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(-1, c, h, w))));
        Block imprint = new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(branch, Blocks.identityBlock()));
        List<String> names = new ArrayList<>(List.of(IMPRINT + ".0.weight", IMPRINT + ".0.bias",
                IMPRINT + ".2.weight", IMPRINT + ".2.bias"));
        names.addAll(base.allNames());
        Block both = new SequentialBlock().add(imprint).add(base.block());
        return new GiaModel(base.arch() + "+imprint" + bins, both, names, base.manager(), in, base.numClasses(),
                base.batchNormTrain(), base.dataType());
    }

    /** Overwrites parameters by PyTorch name (values in row-major order); unknown names are an error. */
    public static void set(GiaModel model, Map<String, float[]> values) {
        int[] found = {0};
        model.forEachParameter((name, array) -> {
            float[] v = values.get(name);
            if (v != null) {
                if (v.length != array.size()) {
                    throw new IllegalArgumentException(name + ": " + v.length + " values for shape " + array.getShape());
                }
                GiaModel.setValues(array, v);
                found[0]++;
            }
        });
        if (found[0] != values.size()) {
            throw new IllegalArgumentException("unknown parameter names among " + values.keySet());
        }
    }

    /**
     * Multiplies the last layer's weight and bias (the final two trainable arrays) by {@code factor}, in
     * place: logits shrink towards uniform predictions.
     */
    public static void scaleClassifier(GiaModel model, float factor) {
        List<NDArray> trainable = model.trainableArrays();
        for (NDArray a : trainable.subList(trainable.size() - 2, trainable.size())) {
            float[] v = host(a);
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
            GiaModel.setValues(a, v);
        }
    }

    /** Host copies of every parameter (buffers too) by PyTorch name, with their shapes. */
    public static Map<String, NamedArray> snapshot(GiaModel model) {
        Map<String, NamedArray> out = new java.util.LinkedHashMap<>();
        model.forEachParameter((name, array) -> out.put(name, new NamedArray(name, array.getShape().getShape(),
                host(array))));
        return out;
    }

    private static float[] host(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    /** One parameter on the host. */
    public record NamedArray(String name, long[] shape, float[] values) {
    }
}
