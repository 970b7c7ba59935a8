package ai.djl.pytorch.jni;

import ai.djl.pytorch.engine.PtSymbolBlock;
import java.util.Arrays;

/**
 * Calls a TorchScript method with autograd enabled. DJL's public {@code IValueUtils.runMethod} runs
 * under inference mode, where {@code create_graph=True} records nothing; the native entry point takes
 * an {@code isTrain} flag but is package-private, hence this class in DJL's package (classpath only).
 * GIA Workbench's own code reaches it only through {@code org.giaworkbench.compute.autograd}.
 */
public final class GiaAutogradBridge {

    private GiaAutogradBridge() {
    }

    public static IValue runMethodWithGrad(PtSymbolBlock block, String method, IValue... inputs) {
        long[] handles = Arrays.stream(inputs).mapToLong(IValue::getHandle).toArray();
        return new IValue(PyTorchLibrary.LIB.moduleRunMethod(block.getHandle(), method, handles, true, false));
    }
}
