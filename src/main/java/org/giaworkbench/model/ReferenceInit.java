package org.giaworkbench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.nd.TorchRandom;

/**
 * {@code model.init=reference}: an untrained model initialised as its reference implementation does,
 * drawn from libtorch's generator in PyTorch's order, so that seed {@code s} gives the weights that
 * {@code torch.manual_seed(s)} and building the same module in PyTorch give.
 *
 * <p>PyTorch draws twice: every convolution and linear layer first takes its default initialisation
 * when it is constructed (weight kaiming-uniform with a = sqrt(5), bias U(-1/sqrt(fan_in), +)), then the
 * model's own scheme overwrites some of them. Both rounds consume the generator, so both are replayed.
 * The first round runs in registration order, which is not always construction order (torchvision
 * builds a block's downsample before the block), but where the two differ the second round overwrites
 * every value concerned, and a round consumes as many draws in any order.
 * The model's scheme: DLG's LeNet sets every weight and bias U(-0.5, 0.5) (Zhu et al.'s code); the CIFAR
 * ResNet-20/32/56 apply kaiming-normal (fan-in) to convolution and linear weights (He et al.'s CIFAR
 * ResNets as the widely used port of Yerlan Idelbayev writes them); torchvision's ResNets, and the CIFAR
 * ResNet-18 built on them, apply kaiming-normal (fan-out, ReLU) to convolutions; VGG adds zero
 * convolution biases and N(0, 0.01) linear weights with zero biases; GoogLeNet draws convolution and
 * linear weights from a normal of std 0.01 truncated at +-2; AlexNet keeps PyTorch's defaults. BatchNorm
 * starts at weight 1, bias 0, running statistics 0 and 1.
 */
final class ReferenceInit {

    /** How an architecture's reference code re-initialises after construction. */
    enum Scheme { DLG_UNIFORM, KAIMING_FAN_IN, TORCHVISION_RESNET, VGG, GOOGLENET, PYTORCH_DEFAULT }

    private ReferenceInit() {
    }

    static Scheme schemeOf(String arch) {
        return switch (arch) {
            case "lenet-dlg" -> Scheme.DLG_UNIFORM;
            case "resnet20", "resnet32", "resnet56" -> Scheme.KAIMING_FAN_IN;
            case "resnet18-cifar", "resnet18", "resnet50", "resnet101" -> Scheme.TORCHVISION_RESNET;
            case "vgg11", "vgg16" -> Scheme.VGG;
            case "googlenet" -> Scheme.GOOGLENET;
            case "alexnet" -> Scheme.PYTORCH_DEFAULT;
            default -> throw new IllegalArgumentException("no reference initialisation for " + arch);
        };
    }

    static void apply(GiaModel model, long seed) {
        Map<String, NDArray> params = new LinkedHashMap<>();
        model.forEachParameter(params::put);
        Set<String> batchNorms = new java.util.HashSet<>();
        for (String name : params.keySet()) {
            if (name.endsWith(".running_mean")) {
                batchNorms.add(module(name));
            }
        }
        List<String> layers = new ArrayList<>();
        for (String name : params.keySet()) {
            if (name.endsWith(".weight") && !batchNorms.contains(module(name))) {
                layers.add(module(name));
            }
        }
        Scheme scheme = schemeOf(model.arch());
        try (NDManager draws = model.manager().newSubManager(Device.cpu())) {
            Map<String, NDArray> values = new HashMap<>();
            TorchRandom.seed(seed);
            for (String layer : layers) {
                NDArray weight = params.get(layer + ".weight");
                long fanIn = fanIn(weight.getShape());
                double a = Math.sqrt(5.0);
                double bound = Math.sqrt(3.0) * (Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(fanIn));
                values.put(layer + ".weight", draw(draws, weight, -bound, bound));
                NDArray bias = params.get(layer + ".bias");
                if (bias != null) {
                    double biasBound = 1 / Math.sqrt(fanIn);
                    values.put(layer + ".bias", draw(draws, bias, -biasBound, biasBound));
                }
            }
            reinitialise(scheme, layers, params, values, draws);
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
                String name = p.getKey();
                NDArray target = p.getValue();
                NDArray value = values.get(name);
                if (value == null) {
                    boolean one = name.endsWith(".running_var")
                            || batchNorms.contains(module(name)) && name.endsWith(".weight");
                    value = one ? draws.ones(target.getShape(), target.getDataType())
                            : draws.zeros(target.getShape(), target.getDataType());
                }
                OwnedArrays.write(target, value);
            }
        }
    }

    /** The second round: the architecture's own scheme, in module registration order. */
    private static void reinitialise(Scheme scheme, List<String> layers, Map<String, NDArray> params,
                                     Map<String, NDArray> values, NDManager draws) {
        for (String layer : layers) {
            NDArray weight = params.get(layer + ".weight");
            NDArray bias = params.get(layer + ".bias");
            boolean conv = weight.getShape().dimension() == 4;
            Shape shape = weight.getShape();
            DataType type = weight.getDataType();
            switch (scheme) {
                case DLG_UNIFORM -> {
                    values.put(layer + ".weight", draw(draws, weight, -0.5, 0.5));
                    if (bias != null) {
                        values.put(layer + ".bias", draw(draws, bias, -0.5, 0.5));
                    }
                }
                case KAIMING_FAN_IN -> values.put(layer + ".weight",
                        TorchRandom.normal(draws, 0, Math.sqrt(2.0) / Math.sqrt(fanIn(shape)), shape, type));
                case TORCHVISION_RESNET -> {
                    if (conv) {
                        values.put(layer + ".weight", TorchRandom.normal(draws, 0, Math.sqrt(2.0) / Math.sqrt(fanOut(shape)), shape, type));
                    }
                }
                case VGG -> {
                    double std = conv ? Math.sqrt(2.0) / Math.sqrt(fanOut(shape)) : 0.01;
                    values.put(layer + ".weight", TorchRandom.normal(draws, 0, std, shape, type));
                    if (bias != null) {
                        values.remove(layer + ".bias"); // zero
                    }
                }
                case GOOGLENET -> values.put(layer + ".weight", TorchRandom.truncatedNormal(draws, 0, 0.01, -2, 2, shape, type));
                case PYTORCH_DEFAULT -> {
                    // the construction round is the whole initialisation
                }
                default -> throw new IllegalStateException(scheme.toString());
            }
        }
    }

    private static NDArray draw(NDManager draws, NDArray like, double from, double to) {
        return TorchRandom.uniform(draws, from, to, like.getShape(), like.getDataType());
    }

    private static String module(String parameter) {
        return parameter.substring(0, parameter.lastIndexOf('.'));
    }

    /** PyTorch's fan-in: input channels (per group) times the kernel's area; a linear layer's inputs. */
    private static long fanIn(Shape weight) {
        return weight.size() / weight.get(0);
    }

    /** PyTorch's fan-out: output channels times the kernel's area. */
    private static long fanOut(Shape weight) {
        return weight.size() / weight.get(1);
    }
}
