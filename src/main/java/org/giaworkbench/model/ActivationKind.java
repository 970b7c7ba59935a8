package org.giaworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.giaworkbench.core.GiaException;

/** The activations a user can put in any built-in model. All are twice differentiable through libtorch. */
public enum ActivationKind {
    RELU("relu"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    LEAKY_RELU("leaky-relu"),
    GELU("gelu"),
    /**
     * Randomised leaky ReLU with its evaluation-mode slope, (1/8 + 1/3) / 2: a server cannot know the
     * random slopes a client drew in training mode, so gradient matching needs the deterministic form.
     */
    RRELU("rrelu");

    static final float LEAKY_SLOPE = 0.01f;
    static final float RRELU_SLOPE = (1f / 8f + 1f / 3f) / 2f;

    private final String id;

    ActivationKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ActivationKind parse(String id) {
        for (ActivationKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw GiaException.badInput("unknown activation '" + id + "'", "choose one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(ActivationKind::id).collect(Collectors.joining(", "));
    }

    public NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case SIGMOID -> Activation.sigmoid(x);
            case TANH -> Activation.tanh(x);
            case LEAKY_RELU -> Activation.leakyRelu(x, LEAKY_SLOPE);
            case GELU -> Activation.gelu(x);
            case RRELU -> Activation.leakyRelu(x, RRELU_SLOPE);
        };
    }

    public Block block() {
        return new LambdaBlock(list -> new NDList(apply(list.singletonOrThrow())), id);
    }
}
