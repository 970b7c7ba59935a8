package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A BatchNorm layer that can show its input: during a recording forward ({@link GiaModel#forwardRecording})
 * it hands the features entering the layer, with the layer's running statistics, to the recorder, then
 * normalises exactly as the wrapped BatchNorm. It adds no parameter, so names and order are unchanged.
 * (DJL blocks have no forward hooks and BatchNorm cannot be subclassed outside its package.)
 */
final class BatchNormTap extends AbstractBlock {

    /** Receives the input of every BatchNorm layer of one forward. */
    interface Recorder {
        void record(NDArray input, NDArray runningMean, NDArray runningVar);
    }

    private final Block batchNorm;

    BatchNormTap(Block batchNorm) {
        this.batchNorm = addChildBlock("bn", batchNorm);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (store instanceof Recorder recorder) {
            NDArray input = inputs.singletonOrThrow();
            recorder.record(input, store.getValue(parameter("runningMean"), input.getDevice(), training),
                    store.getValue(parameter("runningVar"), input.getDevice(), training));
        }
        return batchNorm.forward(store, inputs, training, params);
    }

    private Parameter parameter(String name) {
        return batchNorm.getParameters().get(name);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return batchNorm.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        batchNorm.initialize(manager, dataType, inputShapes);
    }
}
