package org.giaworkbench.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.DataSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.train.Checkpoints;

/**
 * Resolves {@code model.weights=trained:K} to the checkpoint file of this architecture, activation and
 * dataset after K epochs (see {@link Checkpoints}). A missing checkpoint is a bad-input error that
 * names the {@code gia train} command that makes it; nothing is trained on demand.
 */
public final class TrainedWeights {

    private TrainedWeights() {
    }

    /** The activation id a spec means ("default" resolved to the architecture's own). */
    public static String activationId(ModelSpec model) {
        ModelFactory.ArchInfo info = ModelFactory.info(model.arch());
        return model.activation() == null || model.activation().equals("default")
                ? info.defaultActivation().id() : ActivationKind.parse(model.activation()).id();
    }

    /** The default checkpoint folder of {@code model} trained on {@code data}. */
    public static Path folder(ModelSpec model, DataSpec data) {
        return Checkpoints.folder(model.arch(), activationId(model), data);
    }

    /** {@code model} with {@code trained:K} replaced by the checkpoint's path; other weights unchanged. */
    public static ModelSpec resolve(ModelSpec model, DataSpec data) {
        if (!Checkpoints.isTrained(model.weights())) {
            return model;
        }
        int epoch = Checkpoints.parseEpoch(model.weights());
        Path folder = folder(model, data);
        Path file = Checkpoints.epochFile(folder, epoch);
        if (!Files.isRegularFile(file)) {
            List<Integer> have = Checkpoints.epochs(folder);
            String command = "./gia train --model " + model.arch() + " --activation " + activationId(model)
                    + " --data " + (data.source() == null ? "bundled-cifar10" : data.source())
                    + (data.path() == null || data.path().isBlank() ? "" : " --path " + data.path())
                    + (data.resolution() == 32 ? "" : " --resolution " + data.resolution())
                    + " --epochs " + epoch;
            throw GiaException.badInput("no checkpoint after " + epoch + " epochs of " + model.arch() + " ("
                    + activationId(model) + ") on " + Checkpoints.datasetKey(data) + " in " + folder
                    + (have.isEmpty() ? "" : "; available: " + have.stream().map(Checkpoints::weightsName).toList()),
                    "train it first: " + command);
        }
        return new ModelSpec(model.arch(), model.activation(), file.toString(), model.seed(), model.batchNorm(),
                model.numClasses());
    }
}
