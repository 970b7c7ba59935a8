package org.giaworkbench.core.train;

import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;

/**
 * One training job: a built-in model trained on a dataset for some epochs, with a held-out split.
 *
 * @param model        architecture, activation, start weights ({@code untrained} = seeded), init seed,
 *                     number of classes; {@code batchNorm} is ignored (training uses batch statistics,
 *                     evaluation the running ones)
 * @param data         the dataset (source, path, resolution, normalisation); batch and index are ignored
 * @param epochs       passes over the training part
 * @param batchSize    images per step
 * @param learningRate step size
 * @param optimizer    {@code sgd} (with {@code momentum}) or {@code adam}
 * @param momentum     SGD momentum (0: plain SGD)
 * @param weightDecay  L2 penalty added to the gradient of weights (not of BatchNorm or biases)
 * @param heldOut      fraction of the dataset kept for evaluation: its last images
 * @param seed         seeds the shuffling of the training part
 * @param outDir       checkpoint folder; null: the default folder of this model and dataset
 * @param device       {@code auto}, {@code cpu} or {@code cuda}
 */
public record TrainingSpec(ModelSpec model, DataSpec data, int epochs, int batchSize, double learningRate,
                           String optimizer, double momentum, double weightDecay, double heldOut, long seed,
                           String outDir, String device) {

    public static final String SGD = "sgd";
    public static final String ADAM = "adam";

    /** Plain defaults: SGD with momentum 0.9, lr 0.05, batch 32, 20 % held out, 5 epochs. */
    public static TrainingSpec of(ModelSpec model, DataSpec data) {
        return new TrainingSpec(model, data, 5, 32, 0.05, SGD, 0.9, 5e-4, 0.2, 0, null, "auto");
    }

    public TrainingSpec withEpochs(int e) {
        return new TrainingSpec(model, data, e, batchSize, learningRate, optimizer, momentum, weightDecay, heldOut, seed,
                outDir, device);
    }

    public TrainingSpec withLearningRate(double lr) {
        return new TrainingSpec(model, data, epochs, batchSize, lr, optimizer, momentum, weightDecay, heldOut, seed,
                outDir, device);
    }

    public TrainingSpec withBatchSize(int b) {
        return new TrainingSpec(model, data, epochs, b, learningRate, optimizer, momentum, weightDecay, heldOut, seed,
                outDir, device);
    }

    public TrainingSpec withOutDir(String dir) {
        return new TrainingSpec(model, data, epochs, batchSize, learningRate, optimizer, momentum, weightDecay, heldOut,
                seed, dir, device);
    }

    /** Checks the numbers; the dataset and model are checked when the job opens them. */
    public void validate() {
        if (epochs < 1 || epochs > 10_000) {
            throw GiaException.badInput("epochs must be between 1 and 10000, got " + epochs, "");
        }
        if (batchSize < 1) {
            throw GiaException.badInput("the training batch size must be at least 1, got " + batchSize, "");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw GiaException.badInput("the learning rate must be a positive number, got " + learningRate, "e.g. 0.05");
        }
        if (!SGD.equals(optimizer) && !ADAM.equals(optimizer)) {
            throw GiaException.badInput("unknown optimizer '" + optimizer + "'", "choose sgd or adam");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw GiaException.badInput("momentum must be in [0, 1), got " + momentum, "");
        }
        if (!(weightDecay >= 0)) {
            throw GiaException.badInput("weight decay must be 0 or more, got " + weightDecay, "");
        }
        if (!(heldOut >= 0 && heldOut < 1)) {
            throw GiaException.badInput("the held-out fraction must be in [0, 1), got " + heldOut, "e.g. 0.2");
        }
    }
}
