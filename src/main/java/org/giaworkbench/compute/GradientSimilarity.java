package org.giaworkbench.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.data.BatchBuilder;
import org.giaworkbench.data.BatchRequest;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.DatasetFactory;
import org.giaworkbench.data.LabeledBatch;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * The seed's Table II measure: how similar the gradient of each single image is to the gradient of
 * the whole batch (cosine similarity of the flattened parameter gradients), averaged over the batch.
 * The more alike they are, the harder gradient matching separates the images (Proposition 1). Same
 * data, model and labels as the run of {@code spec} would use.
 */
public final class GradientSimilarity {

    /** The metric's name in the store and in sweep tables. */
    public static final String METRIC = "gradient_cosine";

    private GradientSimilarity() {
    }

    /** Computes on the compute thread and waits (never call it from the FX thread). */
    public static double meanSingleToBatchCosine(ComputeService compute, ExperimentSpec spec) throws Exception {
        return compute.onComputeThread(spec.run().device(), (base, oracle) -> compute(spec, base, oracle));
    }

    static double compute(ExperimentSpec spec, NDManager base, GradientOracle oracle) {
        Dataset dataset = DatasetFactory.open(spec.data());
        LabeledBatch batch = new BatchBuilder(dataset).build(new BatchRequest(spec.data().batch(), spec.data().sameLabel(),
                spec.data().seed(), spec.data().index()));
        Normalization normalization = DatasetFactory.normalization(spec.data());
        ImageBatch truth = batch.images();
        int numClasses = spec.model().numClasses() != null ? spec.model().numClasses() : dataset.numClasses();
        try (NDManager scope = base.newSubManager()) {
            GiaModel model = ModelFactory.build(spec.model(), numClasses, truth.channels(), truth.height(), scope);
            float[] inputs = normalization.normalize(truth.pixels(), truth.channels(), truth.height(), truth.width());
            NDArray x = OwnedArrays.of(scope, inputs, new Shape(truth.count(), truth.channels(), truth.height(), truth.width()));
            NDArray whole = flat(FedSgdClient.gradient(model, x, batch.labels(), oracle, scope));
            double wholeNorm = whole.norm().getFloat();
            double sum = 0;
            for (int i = 0; i < truth.count(); i++) {
                try (NDManager one = scope.newSubManager()) {
                    NDArray xi = x.get(new NDIndex("{}:{}", i, i + 1));
                    NDArray gi = flat(FedSgdClient.gradient(model, xi, new int[] {batch.labels()[i]}, oracle, one));
                    sum += gi.dot(whole).getFloat() / (gi.norm().getFloat() * wholeNorm);
                }
            }
            return sum / truth.count();
        }
    }

    private static NDArray flat(List<NDArray> grads) {
        NDArray[] parts = grads.stream().map(NDArray::flatten).toArray(NDArray[]::new);
        return NDArrays.concat(new ai.djl.ndarray.NDList(parts));
    }
}
