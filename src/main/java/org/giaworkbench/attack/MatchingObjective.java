package org.giaworkbench.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.attack.optim.Objective;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.AttackContext;
import org.giaworkbench.plugin.spi.Distance;
import org.giaworkbench.plugin.spi.MatchResult;
import org.giaworkbench.plugin.spi.ServerView;

/**
 * The gradient-matching objective shared by the optimization attacks: how far the gradient of a
 * guessed batch is from the observed one, plus an optional total-variation prior, and its gradient
 * with respect to the guess.
 *
 * <p>The optimised vector holds the images (model-input space, NCHW) and, when labels are unknown and
 * optimised jointly (DLG), the label logits after them. Every evaluation runs in its own sub-manager
 * that is closed before returning, so memory stays flat however long the attack runs.
 */
public final class MatchingObjective implements Objective {

    private final ServerView view;
    private final AttackContext context;
    private final Distance distance;
    private final Regulariser regulariser;
    private final NDArray fixedOneHot;
    private final int imageValues;
    private final Shape batchShape;
    private int evaluations;
    private double lastDistance = Double.NaN;

    /**
     * @param labels fixed labels, or null to optimise soft labels jointly (the vector then carries
     *               batch x classes label logits after the images)
     */
    public MatchingObjective(ServerView view, AttackContext context, Distance distance, double tvWeight, int[] labels) {
        this(view, context, distance, Regulariser.totalVariation(tvWeight), labels);
    }

    /**
     * @param regulariser the prior added to the distance (null: none)
     * @param labels      fixed labels, or null to optimise soft labels jointly
     */
    public MatchingObjective(ServerView view, AttackContext context, Distance distance, Regulariser regulariser,
                             int[] labels) {
        this.view = view;
        this.context = context;
        this.distance = distance;
        this.regulariser = regulariser;
        this.imageValues = view.imageValues();
        this.batchShape = view.batchShape();
        NDArray like = view.gradients().get(0);
        this.fixedOneHot = labels == null ? null
                : ClassificationLoss.oneHot(context.runManager(), labels, view.numClasses(), like);
    }

    /** Length of the optimised vector. */
    public int size() {
        return imageValues + (fixedOneHot == null ? view.batchSize() * view.numClasses() : 0);
    }

    public int evaluations() {
        return evaluations;
    }

    /** The gradient distance (without priors) at the last evaluation. */
    public double lastDistance() {
        return lastDistance;
    }

    @Override
    public double evaluate(float[] vector, float[] gradient) {
        context.checkCancelled();
        try (NDManager step = context.runManager().newSubManager()) {
            NDArray x = OwnedArrays.of(step, vector, 0, batchShape);
            x.setRequiresGradient(true);
            List<NDArray> variables = new ArrayList<>(2);
            variables.add(x);
            NDArray labelLogits = null;
            if (fixedOneHot == null) {
                labelLogits = OwnedArrays.of(step, vector, imageValues, new Shape(view.batchSize(), view.numClasses()));
                labelLogits.setRequiresGradient(true);
                variables.add(labelLogits);
            }
            boolean recording = regulariser != null && regulariser.needsBatchNormInputs();
            MatchResult r;
            if (view.simulatesLocalTraining()) {
                // FedAvg with simulation: unroll the assumed local training instead of one gradient.
                List<GiaModel.BatchNormInput> bn = recording ? view.model().forwardRecording(x).batchNormInputs() : List.of();
                NDArray extra = regulariser == null ? step.zeros(new Shape()) : regulariser.of(x, bn, step);
                NDArray targets = labelLogits == null ? fixedOneHot : labelLogits.softmax(1);
                r = UpdateMatching.match(view, x, targets, variables, extra, distance, context.gradients(), step);
            } else {
                GiaModel.RecordedForward forward = recording ? view.model().forwardRecording(x) : null;
                NDArray logits = forward != null ? forward.logits() : view.model().forward(x);
                NDArray extra = regulariser == null ? step.zeros(new Shape())
                        : regulariser.of(x, forward != null ? forward.batchNormInputs() : List.of(), step);
                NDArray loss = labelLogits == null ? ClassificationLoss.crossEntropy(logits, fixedOneHot)
                        : ClassificationLoss.softCrossEntropy(logits, labelLogits);
                r = context.gradients().match(loss, view.model().trainableArrays(), view.gradients(),
                        variables, extra, distance, step);
            }
            float[] dx = r.variableGradients().get(0).toFloatArray();
            System.arraycopy(dx, 0, gradient, 0, imageValues);
            if (variables.size() > 1) {
                float[] dy = r.variableGradients().get(1).toFloatArray();
                System.arraycopy(dy, 0, gradient, imageValues, dy.length);
            }
            evaluations++;
            lastDistance = r.distance().getFloat();
            return r.total().getFloat();
        }
    }

    /** Labels implied by the label logits of {@code vector} (argmax per image); null with fixed labels. */
    public int[] labelsOf(float[] vector) {
        if (fixedOneHot != null) {
            return null;
        }
        int classes = view.numClasses();
        int[] labels = new int[view.batchSize()];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (vector[imageValues + i * classes + c] > vector[imageValues + i * classes + best]) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }
}
