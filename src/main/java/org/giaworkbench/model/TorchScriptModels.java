package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ModelSpec;

/**
 * "Your own model": a TorchScript file ({@code torch.jit.script(net).save(path)} or {@code torch.jit.trace})
 * imported as the federation's model. Its parameters ({@code named_parameters()}) become the shared
 * gradient, under their PyTorch names; the attack differentiates through the scripted forward.
 *
 * <p>Spec: {@code model.arch=torchscript}, {@code model.weights=<file.pt>}. The module keeps its own
 * weights and activations ({@code model.activation} must stay {@code default}); {@code model.batchNorm}
 * picks {@code module.train()} or {@code module.eval()}. The module must map a {@code N x C x H x W}
 * float batch to {@code N x classes} logits.
 *
 * <p>Module buffers (BatchNorm running statistics) are not among the shared parameters and are not
 * restored around forwards: in train mode they move with every forward, as in PyTorch. That changes
 * no result of a run, because train-mode forwards normalise with the batch's own statistics, and
 * every run loads the file again, so nothing carries over to the next one.
 */
final class TorchScriptModels {

    static final String ARCH = "torchscript";

    private TorchScriptModels() {
    }

    static GiaModel load(ModelSpec spec, int numClasses, int channels, int resolution, NDManager manager,
                         DataType dataType) {
        if (dataType != DataType.FLOAT32) {
            throw GiaException.badInput("an imported TorchScript model runs in float32 only", "");
        }
        if (spec.activation() != null && !spec.activation().equals("default")) {
            throw GiaException.badInput("model.activation=" + spec.activation() + " cannot change an imported TorchScript model",
                    "leave model.activation=default: the module's own activations are used");
        }
        String file = spec.weights();
        if (file == null || file.isBlank() || file.equals("untrained") || file.equals("bundled")) {
            throw GiaException.badInput("model.arch=torchscript needs the TorchScript file in model.weights",
                    "e.g. --set model.weights=/path/to/model.pt (saved with torch.jit.script(net).save)");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw GiaException.badInput("TorchScript file " + path + " does not exist", "give the path of a .pt file saved with torch.jit.save");
        }
        ImportedBlock block;
        try (InputStream in = Files.newInputStream(path)) {
            // The stream loader runs outside inference mode, so the parameters can carry gradients.
            long handle = JniUtils.loadModuleHandle(in, manager.getDevice(), true, false);
            block = new ImportedBlock((PtNDManager) manager, handle, "train".equals(spec.batchNorm()));
        } catch (IOException | RuntimeException e) {
            throw GiaException.badInput("cannot load " + path + " as a TorchScript model: " + e.getMessage(),
                    "save the model with torch.jit.script(net).save(path) or torch.jit.trace(net, x).save(path)");
        }
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.add(p.getKey());
        }
        if (names.isEmpty()) {
            block.close();
            throw GiaException.badInput(path + " has no parameters, so there is no gradient to share",
                    "export a model with trainable parameters");
        }
        GiaModel model = new GiaModel(ARCH, block, names, manager, new Shape(1, channels, resolution, resolution), numClasses,
                "train".equals(spec.batchNorm()), dataType);
        checkOutput(model, path, numClasses, channels, resolution, manager);
        return model;
    }

    /** One probe forward: a clear error now beats a shape error deep inside the attack. */
    private static void checkOutput(GiaModel model, Path path, int numClasses, int channels, int resolution,
                                    NDManager manager) {
        Shape out;
        try (NDManager probe = manager.newSubManager()) {
            out = model.forward(probe.zeros(new Shape(1, channels, resolution, resolution))).getShape();
        } catch (RuntimeException e) {
            throw GiaException.badInput("the TorchScript model " + path + " does not take a 1x" + channels + "x" + resolution
                    + "x" + resolution + " batch: " + firstLine(e.getMessage()), "check data.resolution against the model's input size");
        }
        if (out.dimension() != 2 || out.get(1) != numClasses) {
            throw GiaException.badInput("the TorchScript model " + path + " outputs " + out + " for one image, expected (1, "
                    + numClasses + ") logits", "set model.numClasses to the model's number of outputs, or use a matching dataset");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * DJL's symbol block runs its forward in inference mode unless training is on, and training also
     * switches the module's BatchNorm and dropout. This block separates the two: autograd is always on
     * (the attack differentiates through the forward) and the module mode follows model.batchNorm.
     */
    private static final class ImportedBlock extends PtSymbolBlock {

        ImportedBlock(PtNDManager manager, long handle, boolean trainMode) {
            super(manager, handle);
            if (trainMode) {
                JniUtils.enableTrainingMode(this);
            } else {
                JniUtils.enableInferenceMode(this);
            }
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDList out = IValueUtils.forward(this, inputs, true);
            if (out.size() != 1) {
                NDArray first = out.get(0);
                return new NDList(first);
            }
            return out;
        }
    }
}
