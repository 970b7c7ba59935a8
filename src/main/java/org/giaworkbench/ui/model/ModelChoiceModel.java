package org.giaworkbench.ui.model;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.plugin.ParamSpec;
import org.giaworkbench.plugin.PluginDescriptor;
import org.giaworkbench.ui.fx.Messages;

/**
 * The model pane's state: the {@code model} section of the spec, plus the parameter count (the size
 * of the gradient the server sees), counted off the FX thread whenever the shape can change.
 */
public final class ModelChoiceModel {

    /**
     * Where the weights come from; a file means a {@code .npz} with PyTorch names; trained means the
     * checkpoint after {@link #trainedEpochProperty()} epochs ({@code trained:K}).
     */
    public enum Weights { UNTRAINED, BUNDLED, FILE, TRAINED }

    /** Counts a model's trainable parameters (blocking; called on the background executor). */
    @FunctionalInterface
    public interface ParameterCounter {
        long count(ModelSpec spec, int numClasses, int channels, int resolution) throws Exception;
    }

    private final ObservableList<PluginDescriptor> architectures;
    private final ObjectProperty<PluginDescriptor> arch = new SimpleObjectProperty<>(this, "arch");
    private final ObservableList<String> activations = FXCollections.observableArrayList();
    private final StringProperty activation = new SimpleStringProperty(this, "activation", "default");
    private final ObjectProperty<Weights> weights = new SimpleObjectProperty<>(this, "weights", Weights.UNTRAINED);
    private final StringProperty weightsFile = new SimpleStringProperty(this, "weightsFile", "");
    private final ObjectProperty<Integer> trainedEpoch = new SimpleObjectProperty<>(this, "trainedEpoch");
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 0);
    private final StringProperty batchNorm = new SimpleStringProperty(this, "batchNorm", "eval");
    private final StringProperty init = new SimpleStringProperty(this, "init", ModelSpec.INIT_REFERENCE);
    /** Output classes; empty: the dataset's. */
    private final StringProperty numClasses = new SimpleStringProperty(this, "numClasses", "");
    private final BooleanProperty bundledAvailable = new SimpleBooleanProperty(this, "bundledAvailable", false);

    // Input shape, fed from the dataset pane.
    private final IntegerProperty datasetClasses = new SimpleIntegerProperty(this, "datasetClasses", 10);
    private final IntegerProperty resolution = new SimpleIntegerProperty(this, "resolution", 32);
    private final LongProperty parameterCount = new SimpleLongProperty(this, "parameterCount", -1);
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final BooleanBinding valid;

    private final ParameterCounter counter;
    private final Executor background;
    private final Executor ui;
    private final AtomicLong generation = new AtomicLong();

    public ModelChoiceModel(List<PluginDescriptor> architectures, ParameterCounter counter, Executor background, Executor ui) {
        this.architectures = FXCollections.observableArrayList(architectures);
        this.counter = counter;
        this.background = background;
        this.ui = ui;
        arch.addListener((obs, was, now) -> {
            activations.setAll(choices(now, "activation"));
            if (!activations.contains(activation.get())) {
                activation.set("default");
            }
            bundledAvailable.set(now != null && now.capabilities().contains("trained-weights-bundled"));
            if (!bundledAvailable.get() && weights.get() == Weights.BUNDLED) {
                weights.set(Weights.UNTRAINED);
            }
            if (isTorchScript(now)) {
                weights.set(Weights.FILE); // an imported model is its file
            }
        });
        valid = Bindings.createBooleanBinding(this::checkValid, arch, weights, weightsFile, numClasses, bundledAvailable,
                trainedEpoch);
        error.bind(Bindings.createStringBinding(this::problem, arch, weights, weightsFile, numClasses, bundledAvailable,
                trainedEpoch));
        ChangeListener<Object> recount = (obs, was, now) -> recount();
        for (var p : List.of(arch, activation, numClasses, datasetClasses, resolution)) {
            p.addListener(recount);
        }
        arch.set(architectures.isEmpty() ? null : architectures.get(0));
    }

    private static List<String> choices(PluginDescriptor d, String key) {
        if (d == null) {
            return List.of();
        }
        return d.schema().params().stream().filter(p -> p.key().equals(key)).findFirst().map(ParamSpec::choices)
                .orElse(List.of());
    }

    /** Whether the chosen architecture is an imported TorchScript file. */
    public boolean isTorchScript() {
        return isTorchScript(arch.get());
    }

    /** "Your own model": the weights file is a TorchScript module, not a .npz. */
    private static boolean isTorchScript(PluginDescriptor d) {
        return d != null && d.capabilities().contains("torchscript-file");
    }

    private boolean checkValid() {
        return problem().isEmpty();
    }

    private String problem() {
        if (arch.get() == null) {
            return "no model";
        }
        if (isTorchScript(arch.get())) {
            return weights.get() != Weights.FILE || weightsFile.get() == null || weightsFile.get().isBlank()
                    || weightsFile.get().trim().endsWith(".npz") ? Messages.get("model.error.pt") : "";
        }
        if (weights.get() == Weights.FILE && (weightsFile.get() == null || !weightsFile.get().trim().endsWith(".npz"))) {
            return Messages.get("model.error.npz");
        }
        if (weights.get() == Weights.TRAINED && trainedEpoch.get() == null) {
            return Messages.get("model.error.trained");
        }
        if (weights.get() == Weights.BUNDLED && !bundledAvailable.get()) {
            return Messages.get("model.error.noBundled");
        }
        String n = numClasses.get() == null ? "" : numClasses.get().trim();
        if (!n.isEmpty() && (!n.matches("\\d+") || Integer.parseInt(n) < 2)) {
            return Messages.get("model.error.classes", n);
        }
        return "";
    }

    /** Counts the parameters of the current choice; a newer choice makes an older count stale. */
    public void recount() {
        long ticket = generation.incrementAndGet();
        if (arch.get() == null || !error.get().isEmpty() || counter == null) {
            parameterCount.set(-1);
            return;
        }
        ModelSpec spec = toSpec();
        int classes = datasetClasses.get();
        int res = resolution.get();
        background.execute(() -> {
            if (generation.get() != ticket) {
                return;
            }
            long n;
            try {
                n = counter.count(spec, classes, 3, res);
            } catch (Exception e) {
                n = -1;
            }
            long result = n;
            ui.execute(() -> {
                if (generation.get() == ticket) {
                    parameterCount.set(result);
                }
            });
        });
    }

    public ModelSpec toSpec() {
        String w = switch (weights.get()) {
            case UNTRAINED -> "untrained";
            case BUNDLED -> "bundled";
            case FILE -> weightsFile.get().trim();
            case TRAINED -> "trained:" + trainedEpoch.get();
        };
        String n = numClasses.get() == null ? "" : numClasses.get().trim();
        Integer classes = n.matches("\\d+") ? Integer.valueOf(n) : null;
        return new ModelSpec(arch.get() == null ? null : arch.get().id(), activation.get(), w, seed.get(), batchNorm.get(),
                classes, init.get());
    }

    public void apply(ModelSpec spec) {
        architectures.stream().filter(d -> d.id().equals(spec.arch())).findFirst().ifPresent(arch::set);
        activation.set(spec.activation() == null ? "default" : spec.activation());
        String w = spec.weights() == null ? "untrained" : spec.weights();
        if (w.startsWith("trained:") && w.substring(8).matches("\\d+")) {
            weights.set(Weights.TRAINED);
            trainedEpoch.set(Integer.valueOf(w.substring(8)));
        } else if (w.equals("untrained") || w.equals("bundled")) {
            weights.set(w.equals("bundled") ? Weights.BUNDLED : Weights.UNTRAINED);
        } else {
            weights.set(Weights.FILE);
            weightsFile.set(w);
        }
        seed.set((int) spec.seed());
        batchNorm.set(spec.batchNorm() == null ? "eval" : spec.batchNorm());
        init.set(spec.init());
        numClasses.set(spec.numClasses() == null ? "" : spec.numClasses().toString());
    }

    public ObservableList<PluginDescriptor> architectures() {
        return architectures;
    }

    public ObjectProperty<PluginDescriptor> archProperty() {
        return arch;
    }

    public ObservableList<String> activations() {
        return activations;
    }

    public StringProperty activationProperty() {
        return activation;
    }

    public ObjectProperty<Weights> weightsProperty() {
        return weights;
    }

    public StringProperty weightsFileProperty() {
        return weightsFile;
    }

    /** K of {@code trained:K}; null while none is chosen. */
    public ObjectProperty<Integer> trainedEpochProperty() {
        return trainedEpoch;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    /** {@code reference} or {@code workbench}: how untrained weights are drawn. */
    public StringProperty initProperty() {
        return init;
    }

    public StringProperty batchNormProperty() {
        return batchNorm;
    }

    public StringProperty numClassesProperty() {
        return numClasses;
    }

    public BooleanProperty bundledAvailableProperty() {
        return bundledAvailable;
    }

    public IntegerProperty datasetClassesProperty() {
        return datasetClasses;
    }

    public IntegerProperty resolutionProperty() {
        return resolution;
    }

    /** Trainable parameters (= values in the shared gradient); -1 while unknown. */
    public LongProperty parameterCountProperty() {
        return parameterCount;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
