package org.giaworkbench.compute;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.train.Checkpoints;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.model.TrainedWeights;

/**
 * Facts about a model that the GUI shows before a run, computed on the compute thread so that DJL
 * types never leave it.
 */
public final class ModelInspector {

    private ModelInspector() {
    }

    /**
     * Trainable parameters of {@code spec}'s model for the given input; also the number of values in
     * the gradient a FedSGD client shares. Builds the graph without loading or initialising weights
     * (an imported TorchScript file is loaded, its weights are the model). Blocks until the compute thread is free: never call it on the FX
     * thread.
     */
    public static long parameterCount(ComputeService compute, ModelSpec spec, int numClasses, int channels,
                                      int resolution) throws Exception {
        int classes = spec.numClasses() != null ? spec.numClasses() : numClasses;
        return compute.onComputeThread("cpu", (base, oracle) -> {
            try (NDManager scope = base.newSubManager()) {
                return ModelFactory.parameterCount(spec, classes, channels, resolution, scope);
            }
        });
    }

    /** The default checkpoint folder of {@code model} trained on {@code data} (no engine; any thread). */
    public static String checkpointFolder(ModelSpec model, DataSpec data) {
        return TrainedWeights.folder(model, data).toString();
    }

    /** Epochs with a checkpoint for {@code model} on {@code data}, what {@code trained:K} can name (a directory listing). */
    public static List<Integer> trainedEpochs(ModelSpec model, DataSpec data) {
        try {
            return Checkpoints.epochs(TrainedWeights.folder(model, data));
        } catch (RuntimeException unknownModel) {
            return List.of();
        }
    }
}
