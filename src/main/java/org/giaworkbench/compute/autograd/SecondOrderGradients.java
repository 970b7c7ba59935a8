package org.giaworkbench.compute.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.GiaAutogradBridge;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.giaworkbench.nd.HostileMemory;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.MatchResult;

/**
 * The one place that differentiates a gradient. It runs {@code torch.autograd.grad} inside a small
 * TorchScript module ({@code grad_helper.pt}, made by {@code tools/make_grad_helper.py}) called with
 * autograd on.
 *
 * <p>Why not DJL's own backward: {@code backward(createGraph=true)} accumulates into {@code .grad},
 * which DJL cannot reset; the second evaluation then fails or leaks about 92 MB per iteration on
 * ResNet-18. {@code autograd.grad} touches no {@code .grad}, so every graph dies with its per-step
 * manager. Owned by the compute thread; not thread-safe.
 */
public final class SecondOrderGradients implements GradientOracle, AutoCloseable {

    private static final String RESOURCE = "/org/giaworkbench/compute/autograd/grad_helper.pt";

    private final PtSymbolBlock helper;

    private SecondOrderGradients(PtSymbolBlock helper) {
        this.helper = helper;
    }

    /** Loads the helper onto the device of {@code manager}, which must outlive this object. */
    public static SecondOrderGradients load(NDManager manager) {
        try (InputStream in = SecondOrderGradients.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            // The stream loader runs outside inference mode (the path loader does not).
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, in, true, false);
            // Autograd is thread-local in libtorch, and DJL switches it off on the thread that starts the engine.
            JniUtils.setGradMode(true);
            return new SecondOrderGradients(block);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load " + RESOURCE, e);
        }
    }

    /**
     * Gradients of the sum of {@code outputs} with respect to {@code inputs}; zeros for inputs the
     * outputs do not depend on. With {@code createGraph} the results can be differentiated again.
     */
    @Override
    public List<NDArray> grad(List<NDArray> outputs, List<NDArray> inputs, boolean createGraph, NDManager into) {
        HostileMemory.beforeBackward();
        try (IValue out = tensors(outputs);
             IValue in = tensors(inputs);
             IValue flag = IValue.from(createGraph);
             IValue result = GiaAutogradBridge.runMethodWithGrad(helper, "grad", out, in, flag)) {
            return Arrays.asList(result.toTensorArray((PtNDManager) into));
        }
    }

    /**
     * One gradient-matching evaluation in a single native call: the client's loss is differentiated
     * with respect to the model parameters (keeping the graph), compared with the observed gradients,
     * {@code extra} (regularisers on the variables; a zero scalar if none) is added, and the total is
     * differentiated with respect to the variables.
     *
     * @param loss      the training loss the client would compute on the current guess
     * @param params    the model parameters, in the order of {@code targets}
     * @param targets   the observed parameter gradients
     * @param variables what the attack optimises (images, soft labels)
     */
    @Override
    public MatchResult match(NDArray loss, List<NDArray> params, List<NDArray> targets, List<NDArray> variables,
                             NDArray extra, Distance distance, NDManager into) {
        if (params.size() != targets.size()) {
            throw new IllegalArgumentException(params.size() + " parameters but " + targets.size() + " target gradients");
        }
        HostileMemory.beforeBackward();
        try (IValue l = IValue.from((PtNDArray) loss);
             IValue p = tensors(params);
             IValue t = tensors(targets);
             IValue v = tensors(variables);
             IValue e = IValue.from((PtNDArray) extra);
             IValue k = IValue.from((long) distance.code());
             IValue result = GiaAutogradBridge.runMethodWithGrad(helper, "match", l, p, t, v, e, k)) {
            PtNDArray[] arrays = result.toTensorArray((PtNDManager) into);
            return new MatchResult(arrays[0], arrays[1], List.of(Arrays.copyOfRange(arrays, 2, arrays.length)));
        }
    }

    private static IValue tensors(List<NDArray> arrays) {
        PtNDArray[] pt = new PtNDArray[arrays.size()];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = (PtNDArray) arrays.get(i);
        }
        return IValue.listFrom(pt);
    }

    @Override
    public void close() {
        helper.close();
    }
}
