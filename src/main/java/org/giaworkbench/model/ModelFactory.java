package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.nd.OwnedArrays;

/** Builds a {@link GiaModel} from a model spec: architecture, activation, weights, BatchNorm mode. */
public final class ModelFactory {

    /** Built-in architectures: id, display name, default activation, whether trained weights are bundled. */
    public record ArchInfo(String id, String name, ActivationKind defaultActivation, String bundledWeights,
                           String description) {
    }

    public static final List<ArchInfo> ARCHITECTURES = List.of(
            new ArchInfo("lenet-dlg", "LeNet (DLG)", ActivationKind.SIGMOID, null,
                    "3 conv 5x5x12 + FC, Sigmoid, weights U(-0.5, 0.5) (Zhu et al. 2019)"),
            new ArchInfo("resnet20", "ResNet-20 (CIFAR)", ActivationKind.RELU, "resnet20-cifar10.npz",
                    "He et al. 2016 CIFAR ResNet, option-A shortcuts, 0.27 M parameters"),
            new ArchInfo("resnet32", "ResNet-32 (CIFAR)", ActivationKind.RELU, null,
                    "He et al. 2016 CIFAR ResNet, option-A shortcuts, 0.46 M parameters"),
            new ArchInfo("resnet56", "ResNet-56 (CIFAR)", ActivationKind.RELU, null,
                    "He et al. 2016 CIFAR ResNet, option-A shortcuts, 0.85 M parameters"),
            new ArchInfo("resnet18-cifar", "ResNet-18 (CIFAR stem)", ActivationKind.RELU, null,
                    "ResNet-18 with a 3x3 stride-1 stem and no max-pool, 11.2 M parameters"),
            // The ImageNet zoo (torchvision configurations; counts for 1,000 classes).
            new ArchInfo("alexnet", "AlexNet", ActivationKind.RELU, null,
                    "Krizhevsky et al. 2012, torchvision layout, 61.1 M parameters (1,000 classes); any input >= 32 px"),
            new ArchInfo("vgg11", "VGG-11", ActivationKind.RELU, null,
                    "Simonyan & Zisserman 2015, configuration A without BatchNorm, 132.9 M parameters (1,000 classes)"),
            new ArchInfo("vgg16", "VGG-16", ActivationKind.RELU, null,
                    "Simonyan & Zisserman 2015, configuration D without BatchNorm, 138.4 M parameters (1,000 classes)"),
            new ArchInfo("googlenet", "GoogLeNet", ActivationKind.RELU, null,
                    "Szegedy et al. 2015, torchvision layout without auxiliary heads, 6.6 M parameters (1,000 classes)"),
            new ArchInfo("resnet18", "ResNet-18 (ImageNet stem)", ActivationKind.RELU, null,
                    "He et al. 2016, torchvision layout (the survey's baseline), 11.7 M parameters (1,000 classes)"),
            new ArchInfo("resnet50", "ResNet-50 (ImageNet stem)", ActivationKind.RELU, null,
                    "He et al. 2016, bottleneck v1.5 as torchvision, 25.6 M parameters (1,000 classes)"),
            new ArchInfo("resnet101", "ResNet-101 (ImageNet stem)", ActivationKind.RELU, null,
                    "He et al. 2016, bottleneck v1.5 as torchvision, 44.5 M parameters (1,000 classes)"));

    private ModelFactory() {
    }

    /**
     * "Your own model": {@code model.arch=torchscript} with the TorchScript file in {@code model.weights}
     * (see {@link TorchScriptModels}). Not in {@link #ARCHITECTURES}: it has no activation or weights choice.
     */
    public static final ArchInfo TORCHSCRIPT = new ArchInfo(TorchScriptModels.ARCH, "Your own model (TorchScript)",
            ActivationKind.RELU, null, "a TorchScript file (torch.jit.script(net).save(path)) in model.weights; "
            + "its parameters are the shared gradient");

    public static ArchInfo info(String id) {
        if (TORCHSCRIPT.id().equals(id)) {
            return TORCHSCRIPT;
        }
        return ARCHITECTURES.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> GiaException.badInput("unknown model '" + id + "'", "choose one of "
                        + String.join(", ", ARCHITECTURES.stream().map(ArchInfo::id).toList())));
    }

    /** Builds the model of {@code spec} for images of {@code channels x resolution x resolution}. */
    public static GiaModel build(ModelSpec spec, int numClasses, int channels, int resolution, NDManager manager) {
        return build(spec, numClasses, channels, resolution, manager, DataType.FLOAT32);
    }

    public static GiaModel build(ModelSpec spec, int numClasses, int channels, int resolution, NDManager manager,
                                 DataType dataType) {
        return build(spec, numClasses, channels, resolution, manager, dataType, true);
    }

    /**
     * Trainable parameters of {@code spec}'s model: builds the graph with DJL's own initial values and
     * skips the seeded initialisation and weight loading, which take seconds for VGG (138 M values).
     */
    public static long parameterCount(ModelSpec spec, int numClasses, int channels, int resolution, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            return build(spec, numClasses, channels, resolution, scope, DataType.FLOAT32, false).parameterCount();
        }
    }

    /** The graph with DJL's initial values (for shape-only uses and structural tests), no seeded initialisation. */
    static GiaModel buildShapesOnly(ModelSpec spec, int numClasses, int channels, int resolution, NDManager manager) {
        return build(spec, numClasses, channels, resolution, manager, DataType.FLOAT32, false);
    }

    private static GiaModel build(ModelSpec spec, int numClasses, int channels, int resolution, NDManager manager,
                                  DataType dataType, boolean withWeights) {
        ArchInfo info = info(spec.arch());
        if (info == TORCHSCRIPT) {
            if (numClasses < 2) {
                throw GiaException.badInput("a model needs at least 2 classes, got " + numClasses, "");
            }
            return TorchScriptModels.load(spec, numClasses, channels, resolution, manager, dataType);
        }
        ActivationKind act = spec.activation() == null || spec.activation().equals("default")
                ? info.defaultActivation() : ActivationKind.parse(spec.activation());
        if (!"train".equals(spec.batchNorm()) && !"eval".equals(spec.batchNorm())) {
            throw GiaException.badInput("model.batchNorm must be train or eval, got '" + spec.batchNorm() + "'", "");
        }
        if (numClasses < 2) {
            throw GiaException.badInput("a model needs at least 2 classes, got " + numClasses, "");
        }
        Architectures.Built built = architecture(info, act, numClasses, 1);
        if (info.id().equals("lenet-dlg") && resolution != 32) {
            throw GiaException.badInput("lenet-dlg takes 32x32 images (its linear layer has 768 inputs), got "
                    + resolution + "x" + resolution, "set data.resolution=32 or choose a ResNet");
        }
        if (resolution < 8) {
            throw GiaException.badInput("resolution " + resolution + " is too small for " + info.id(), "use 32 or more");
        }
        GiaModel model = new GiaModel(info.id(), built.block(), built.names(), manager,
                new Shape(1, channels, resolution, resolution), numClasses, "train".equals(spec.batchNorm()), dataType);
        model.setRecipe(new GiaModel.Recipe(spec, numClasses, channels, resolution));
        if (!withWeights) {
            return model;
        }
        String weights = spec.weights() == null ? "untrained" : spec.weights();
        switch (weights) {
            case "untrained" -> initialise(model, spec);
            case "bundled" -> loadBundled(model, info);
            default -> loadFile(model, Path.of(weights));
        }
        return model;
    }

    private static Architectures.Built architecture(ArchInfo info, ActivationKind act, int numClasses, int replicas) {
        return switch (info.id()) {
            case "lenet-dlg" -> Architectures.lenetDlg(act, numClasses, replicas);
            case "resnet20" -> Architectures.cifarResNet(20, act, numClasses, replicas);
            case "resnet32" -> Architectures.cifarResNet(32, act, numClasses, replicas);
            case "resnet56" -> Architectures.cifarResNet(56, act, numClasses, replicas);
            case "resnet18-cifar" -> Architectures.resnet18Cifar(act, numClasses, replicas);
            case "alexnet" -> ImageNetArchitectures.alexNet(act, numClasses);
            case "vgg11" -> ImageNetArchitectures.vgg(11, act, numClasses);
            case "vgg16" -> ImageNetArchitectures.vgg(16, act, numClasses);
            case "googlenet" -> ImageNetArchitectures.googLeNet(act, numClasses);
            case "resnet18" -> ImageNetArchitectures.resNet18(act, numClasses);
            case "resnet50" -> ImageNetArchitectures.resNet(50, act, numClasses);
            case "resnet101" -> ImageNetArchitectures.resNet(101, act, numClasses);
            default -> throw new IllegalStateException(info.id());
        };
    }

    /** Architectures that {@link #buildReplicas} can stack. */
    static final java.util.Set<String> STACKABLE = java.util.Set.of("lenet-dlg", "resnet20", "resnet32", "resnet56",
            "resnet18-cifar");

    /**
     * {@code replicas} copies of {@code recipe}'s architecture side by side in one graph (input {@code 1 x
     * replicas*channels x H x W}), with DJL's initial values: {@link Replicas} fills in each copy's weights.
     */
    static GiaModel buildReplicas(GiaModel.Recipe recipe, int replicas, NDManager manager) {
        ArchInfo info = info(recipe.spec().arch());
        if (!STACKABLE.contains(info.id())) {
            throw new IllegalArgumentException(info.id() + " cannot be stacked");
        }
        ActivationKind act = recipe.spec().activation() == null || recipe.spec().activation().equals("default")
                ? info.defaultActivation() : ActivationKind.parse(recipe.spec().activation());
        Architectures.Built built = architecture(info, act, recipe.numClasses(), replicas);
        GiaModel model = new GiaModel(info.id(), built.block(), built.names(), manager,
                new Shape(1, (long) replicas * recipe.channels(), recipe.resolution(), recipe.resolution()),
                recipe.numClasses(), "train".equals(recipe.spec().batchNorm()), DataType.FLOAT32);
        model.setReplicas(replicas);
        return model;
    }

    private static void loadBundled(GiaModel model, ArchInfo info) {
        if (info.bundledWeights() == null) {
            throw GiaException.badInput("no trained weights are bundled for " + info.id(),
                    "bundled weights exist for: resnet20; or give a .npz path in model.weights");
        }
        if (model.numClasses() != 10) {
            throw GiaException.badInput("the bundled " + info.id() + " weights are for 10 classes (CIFAR-10), the model has "
                    + model.numClasses(), "use a 10-class dataset or set model.numClasses=10");
        }
        String resource = "/org/giaworkbench/model/weights/" + info.bundledWeights();
        try (InputStream in = ModelFactory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource);
            }
            model.loadNpz(in, "bundled " + info.bundledWeights());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void loadFile(GiaModel model, Path file) {
        if (!Files.isRegularFile(file)) {
            throw GiaException.badInput("weights file " + file + " does not exist",
                    "model.weights takes untrained, bundled, trained:K (after gia train) or the path of a .npz file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            model.loadNpz(in, file.toString());
        } catch (IOException e) {
            throw GiaException.badInput("cannot read weights file " + file + ": " + e.getMessage(), "");
        }
    }

    /** Untrained weights as {@code spec.init()} says: the reference implementation's or the workbench's own. */
    private static void initialise(GiaModel model, ModelSpec spec) {
        switch (spec.init()) {
            case ModelSpec.INIT_REFERENCE -> ReferenceInit.apply(model, spec.seed());
            case ModelSpec.INIT_WORKBENCH -> initialise(model, spec.seed());
            default -> throw GiaException.badInput("model.init must be reference or workbench, got '" + spec.init() + "'",
                    "reference: as PyTorch builds the architecture; workbench: the scheme of the first versions");
        }
    }

    /**
     * {@code model.init=workbench}: seeded initialisation on the host (java.util.Random), so that a seed
     * means the same weights on every machine and engine version. LeNet-DLG: every weight and bias U(-0.5, 0.5) as in DLG. ResNets:
     * Kaiming-normal (fan-in, ReLU gain) weights as in the CIFAR ResNet port, linear biases
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as PyTorch's default, BatchNorm weight 1, bias 0, statistics 0/1.
     */
    static void initialise(GiaModel model, long seed) {
        java.util.Set<String> bn = new java.util.HashSet<>();
        model.forEachParameter((name, array) -> {
            if (name.endsWith(".running_mean")) {
                bn.add(name.substring(0, name.length() - ".running_mean".length()));
            }
        });
        initialiseValues(model, seed, bn);
    }

    private static void initialiseValues(GiaModel model, long seed, java.util.Set<String> batchNormLayers) {
        Random random = new Random(seed);
        boolean dlg = model.arch().equals("lenet-dlg");
        model.forEachParameter((name, array) -> {
            Shape shape = array.getShape();
            int size = Math.toIntExact(shape.size());
            long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : 1;
            if (!dlg && size > LARGE_TENSOR && array.getDataType() == DataType.FLOAT32 && !name.endsWith(".bias")
                    && !isBatchNorm(name, batchNormLayers)) {
                // VGG's 103 M-value classifier weight would need a 400 MB float[] on the heap: stream it.
                setGaussian(array, random, Math.sqrt(2.0 / fanIn));
                return;
            }
            float[] v = new float[size];
            if (dlg) {
                for (int i = 0; i < size; i++) {
                    v[i] = random.nextFloat() - 0.5f;
                }
            } else if (name.endsWith("running_var")) {
                java.util.Arrays.fill(v, 1f);
            } else if (name.endsWith("running_mean")) {
                // zeros
            } else if (isBatchNorm(name, batchNormLayers) && name.endsWith(".weight")) {
                java.util.Arrays.fill(v, 1f);
            } else if (isBatchNorm(name, batchNormLayers) && name.endsWith(".bias")) {
                // zeros
            } else if (name.endsWith(".bias")) {
                float bound = (float) (1.0 / Math.sqrt(biasFanIn(model, name)));
                for (int i = 0; i < size; i++) {
                    v[i] = (random.nextFloat() * 2 - 1) * bound;
                }
            } else {
                double std = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < size; i++) {
                    v[i] = (float) (random.nextGaussian() * std);
                }
            }
            GiaModel.setValues(array, v);
        });
    }

    private static final int LARGE_TENSOR = 1 << 20;

    /** Same values as the float[] path (same draws in the same order), written straight to native-ordered memory. */
    private static void setGaussian(NDArray array, Random random, double std) {
        int size = Math.toIntExact(array.getShape().size());
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(size * Float.BYTES).order(java.nio.ByteOrder.nativeOrder());
        java.nio.FloatBuffer floats = bytes.asFloatBuffer();
        for (int i = 0; i < size; i++) {
            floats.put((float) (random.nextGaussian() * std));
        }
        bytes.rewind();
        try (NDArray values = OwnedArrays.of(array.getManager(), bytes, array.getShape(), DataType.FLOAT32)) {
            OwnedArrays.write(array, values);
        }
    }

    /** BatchNorm layers are the ones with running statistics, whatever the architecture calls them. */
    private static boolean isBatchNorm(String name, java.util.Set<String> batchNormLayers) {
        return batchNormLayers.contains(name.substring(0, name.lastIndexOf('.')));
    }

    private static long biasFanIn(GiaModel model, String biasName) {
        String weightName = biasName.substring(0, biasName.length() - ".bias".length()) + ".weight";
        long[] fan = {1};
        model.forEachParameter((name, array) -> {
            if (name.equals(weightName)) {
                fan[0] = array.getShape().size() / array.getShape().get(0);
            }
        });
        return fan[0];
    }

    /** Host copy of one array (for tests and diagnostics). */
    static float[] host(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
