package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.nd.OwnedArrays;

/**
 * A built model: its DJL block, the parameters in a stable order with their PyTorch names, and how
 * BatchNorm runs. Lives on the compute thread; its arrays belong to the manager it was built in.
 */
public final class GiaModel {

    private final String arch;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore store;
    private final boolean batchNormTrain;
    private final Shape inputShape;
    private final int numClasses;
    private final List<String> names;
    private final List<Parameter> parameters;
    private final DataType dataType;

    GiaModel(String arch, Block block, List<String> names, NDManager manager, Shape inputShape, int numClasses,
             boolean batchNormTrain, DataType dataType) {
        this.arch = arch;
        this.block = block;
        this.manager = manager;
        this.inputShape = inputShape;
        this.numClasses = numClasses;
        this.batchNormTrain = batchNormTrain;
        this.dataType = dataType;
        this.store = new ParameterStore(manager, false);
        block.initialize(manager, dataType, inputShape);
        this.parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            parameters.add(p.getValue());
        }
        if (names.size() != parameters.size()) {
            throw new IllegalStateException(arch + ": " + names.size() + " recorded names for " + parameters.size() + " parameters");
        }
        this.names = List.copyOf(names);
    }

    public String arch() {
        return arch;
    }

    /** How a built-in model was made, so that {@link Replicas} can build copies of it side by side. */
    public record Recipe(org.giaworkbench.core.spec.ModelSpec spec, int numClasses, int channels, int resolution) {
    }

    private Recipe recipe;
    private int replicas = 1;

    void setRecipe(Recipe recipe) {
        this.recipe = recipe;
    }

    /** How the model was built from a spec; null for imported, modified or stacked models. */
    public Recipe recipe() {
        return recipe;
    }

    void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    /** How many networks run side by side in this graph (1 for an ordinary model; see {@link Replicas}). */
    public int replicas() {
        return replicas;
    }

    public Block block() {
        return block;
    }

    public Shape inputShape() {
        return inputShape;
    }

    public int numClasses() {
        return numClasses;
    }

    public boolean batchNormTrain() {
        return batchNormTrain;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Logits for a batch. Results join the manager of {@code x}. */
    public NDArray forward(NDArray x) {
        // The training flag only switches BatchNorm: none of the built-in models has dropout.
        return block.forward(store, new NDList(x), batchNormTrain).singletonOrThrow();
    }

    /**
     * Logits with BatchNorm in training mode ({@code training}: batch statistics, running statistics
     * updated in place) or evaluation mode, whatever the spec's mode: what a training loop needs.
     */
    public NDArray forward(NDArray x, boolean training) {
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Logits for a batch with the trainable parameters replaced by {@code weights} (same order and
     * shapes as {@link #trainableArrays()}), e.g. weights after some differentiable SGD steps. The
     * block reads every parameter through its {@link ParameterStore}, so a store that hands out the
     * given arrays evaluates the model there without touching (or copying) its own parameters; the graph
     * runs through {@code weights}. BatchNorm statistics are the model's own.
     */
    public NDArray forwardWith(NDArray x, List<NDArray> weights) {
        List<Parameter> trainable = parameters.stream().filter(Parameter::requiresGradient).toList();
        if (weights.size() != trainable.size()) {
            throw new IllegalArgumentException(weights.size() + " weights for " + trainable.size() + " parameters");
        }
        Map<String, NDArray> byId = new HashMap<>();
        for (int i = 0; i < weights.size(); i++) {
            byId.put(trainable.get(i).getId(), weights.get(i));
        }
        return block.forward(new SubstitutingStore(manager, byId), new NDList(x), batchNormTrain).singletonOrThrow();
    }

    /** What enters one BatchNorm layer in a forward, with the layer's running statistics. */
    public record BatchNormInput(NDArray input, NDArray runningMean, NDArray runningVar) {
    }

    /** Logits and, in network order, the input of every BatchNorm layer (empty for models without BatchNorm). */
    public record RecordedForward(NDArray logits, List<BatchNormInput> batchNormInputs) {
    }

    /** A forward that also shows what enters each BatchNorm layer (for priors on those statistics). */
    public RecordedForward forwardRecording(NDArray x) {
        SubstitutingStore store = new SubstitutingStore(manager, Map.of());
        NDArray logits = block.forward(store, new NDList(x), batchNormTrain).singletonOrThrow();
        return new RecordedForward(logits, List.copyOf(store.recorded));
    }

    /**
     * A parameter store that answers with given arrays for some parameters and collects BatchNorm inputs
     * (holds references only, for one forward).
     */
    private static final class SubstitutingStore extends ParameterStore implements BatchNormTap.Recorder {
        private final Map<String, NDArray> substitutes;
        private final List<BatchNormInput> recorded = new ArrayList<>();

        SubstitutingStore(NDManager manager, Map<String, NDArray> substitutes) {
            super(manager, false);
            this.substitutes = substitutes;
        }

        @Override
        public void record(NDArray input, NDArray runningMean, NDArray runningVar) {
            recorded.add(new BatchNormInput(input, runningMean, runningVar));
        }

        @Override
        public NDArray getValue(Parameter parameter, ai.djl.Device device, boolean training) {
            NDArray given = parameter == null ? null : substitutes.get(parameter.getId());
            return given != null ? given : super.getValue(parameter, device, training);
        }
    }

    /** The trainable parameters (what the client's gradient covers), in the stable order. */
    public List<NDArray> trainableArrays() {
        List<NDArray> out = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                out.add(p.getArray());
            }
        }
        return out;
    }

    /** PyTorch names of {@link #trainableArrays()}, same order. */
    public List<String> trainableNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).requiresGradient()) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    /** Number of trainable scalars: the size of the gradient the server sees. */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : trainableArrays()) {
            n += a.size();
        }
        return n;
    }

    /** PyTorch names of every parameter (buffers too), in block order: for {@link ModelSurgery}. */
    List<String> allNames() {
        return names;
    }

    NDManager manager() {
        return manager;
    }

    /** Writes every parameter (BatchNorm statistics too) with its value, used by initialisers. */
    void forEachParameter(ParameterVisitor visitor) {
        for (int i = 0; i < parameters.size(); i++) {
            visitor.visit(names.get(i), parameters.get(i).getArray());
        }
    }

    interface ParameterVisitor {
        void visit(String torchName, NDArray array);
    }

    /**
     * Loads weights saved by numpy ({@code .npz}) under PyTorch state-dict names. Every parameter of the
     * model must be present with the same shape; extra entries (e.g. {@code num_batches_tracked}) are ignored.
     */
    public void loadNpz(InputStream in, String origin) {
        Map<String, float[]> values = new HashMap<>();
        Map<String, Shape> shapes = new HashMap<>();
        try (NDManager tmp = manager.newSubManager()) {
            NDList list;
            try {
                list = OwnedArrays.decode(tmp, in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                throw GiaException.badInput("cannot read weights " + origin + ": not a numpy .npz file (" + e.getMessage() + ")",
                        "give a .npz saved with numpy.savez from a PyTorch state_dict");
            }
            for (NDArray a : list) {
                String key = a.getName() == null ? "" : a.getName().replaceAll("\\.npy$", "");
                values.put(key, a.toType(DataType.FLOAT32, false).toFloatArray());
                shapes.put(key, a.getShape());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            String name = names.get(i);
            NDArray target = parameters.get(i).getArray();
            if (!values.containsKey(name)) {
                missing.add(name);
                continue;
            }
            if (!shapes.get(name).equals(target.getShape())) {
                throw GiaException.badInput("weights " + origin + " do not fit " + arch + ": " + name + " has shape "
                        + shapes.get(name) + ", the model expects " + target.getShape(),
                        "use weights saved from the same architecture and number of classes");
            }
        }
        if (!missing.isEmpty()) {
            throw GiaException.badInput("weights " + origin + " do not fit " + arch + ": " + missing.size()
                    + " parameters missing, e.g. " + missing.get(0), "use weights saved from the same architecture");
        }
        for (int i = 0; i < parameters.size(); i++) {
            setValues(parameters.get(i).getArray(), values.get(names.get(i)));
        }
    }

    /** Every parameter under its PyTorch name, as numpy {@code .npz} (for the reference implementation). */
    public void saveNpz(OutputStream out) throws IOException {
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = new NDList();
            for (int i = 0; i < parameters.size(); i++) {
                NDArray a = OwnedArrays.of(tmp, parameters.get(i).getArray().toType(DataType.FLOAT32, false).toFloatArray(),
                        parameters.get(i).getArray().getShape());
                a.setName(names.get(i));
                list.add(a);
            }
            list.encode(out, NDList.Encoding.NPZ);
        }
    }

    /** Copies of the BatchNorm running statistics, which a train-mode forward updates in place. */
    public Map<String, float[]> saveBuffers() {
        Map<String, float[]> saved = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).requiresGradient()) {
                saved.put(names.get(i), parameters.get(i).getArray().toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
        return saved;
    }

    public void restoreBuffers(Map<String, float[]> saved) {
        for (int i = 0; i < parameters.size(); i++) {
            float[] v = saved.get(names.get(i));
            if (v != null) {
                setValues(parameters.get(i).getArray(), v);
            }
        }
    }

    /** Writes {@code values} into the storage of {@code target} (a copy, converted to its type). */
    public static void setValues(NDArray target, float[] values) {
        OwnedArrays.write(target, values);
    }
}
