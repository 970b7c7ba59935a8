package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.result.CheckReport;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.spec.SpecJson;
import org.giaworkbench.data.BatchBuilder;
import org.giaworkbench.data.BatchRequest;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.DatasetFactory;
import org.giaworkbench.data.LabeledBatch;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.fl.ClientCheck;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.fl.ThreatModel;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginRegistry;
import org.giaworkbench.plugin.spi.AttackPlugin;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.plugin.spi.ServerSetup;
import org.giaworkbench.plugin.spi.ShippedModel;

/**
 * Runs the client-side check ({@link ClientCheck}) on the model a spec's server would ship, and the
 * evaluation table: malicious models (Robbing the Fed, Fishing, several settings) against honest ones
 * (untrained with several seeds, the bundled trained ResNet-20, fine-tuned variants of it).
 */
final class ClientChecks {

    private final PluginRegistry registry;

    ClientChecks(PluginRegistry registry) {
        this.registry = registry;
    }

    /** The check on the model that {@code spec}'s server ships (fine-tuned {@code steps} SGD steps first). */
    CheckReport check(ExperimentSpec spec, int fineTuneSteps, NDManager base, Device device, GradientOracle oracle) {
        AttackPlugin plugin = registry.attack(spec.attack().id());
        ParamValues params = plugin.descriptor().schema().validate(spec.attack().params(), "attack " + spec.attack().id());
        Dataset dataset = DatasetFactory.open(spec.data());
        LabeledBatch batch = new BatchBuilder(dataset).build(new BatchRequest(spec.data().batch(), spec.data().sameLabel(),
                spec.data().seed(), spec.data().index()));
        Normalization normalization = DatasetFactory.normalization(spec.data());
        int numClasses = spec.model().numClasses() != null ? spec.model().numClasses() : dataset.numClasses();
        int c = dataset.channels();
        try (NDManager scope = base.newSubManager(device)) {
            GiaModel honest = ModelFactory.build(spec.model(), numClasses, c, dataset.height(), scope);
            if (fineTuneSteps > 0) {
                fineTune(honest, dataset, normalization, fineTuneSteps, oracle, scope);
            }
            ModelSpec arch = new ModelSpec(spec.model().arch(), spec.model().activation(), "untrained", 0,
                    spec.model().batchNorm(), spec.model().numClasses(), spec.model().init());
            GiaModel expected = ModelFactory.build(arch, numClasses, c, dataset.height(), scope);
            boolean granted = ThreatModel.labelsGranted(spec.fl().labels(), plugin.assumesKnownLabels());
            float[] mean = new float[c];
            float[] std = new float[c];
            for (int i = 0; i < c; i++) {
                mean[i] = normalization.isIdentity() ? 0f : normalization.mean()[i];
                std[i] = normalization.isIdentity() ? 1f : normalization.std()[i];
            }
            ServerSetup setup = new ServerSetup(honest, scope, spec.run().seed(), batch.size(),
                    new Shape(c, dataset.height(), dataset.width()), numClasses, granted ? batch.labels() : null,
                    new org.giaworkbench.plugin.spi.InputBox(mean, std),
                    PublicSamples.lazy(dataset, normalization, batch.datasetIndices()));
            ShippedModel shipped = plugin.create(params).ship(setup);
            String label = spec.model().arch() + " (" + spec.model().weights() + (fineTuneSteps > 0 ? ", fine-tuned "
                    + fineTuneSteps + " SGD steps" : "") + ") shipped by " + spec.attack().id() + ": " + shipped.modification();
            return ClientCheck.inspect(shipped.model(), expected, label);
        }
    }

    /** Plain SGD (lr 0.05) on batches of 32 bundled images: an honest model one or two rounds later. */
    private static void fineTune(GiaModel model, Dataset dataset, Normalization normalization, int steps,
                                 GradientOracle oracle, NDManager scope) {
        BatchBuilder builder = new BatchBuilder(dataset);
        for (int s = 0; s < steps; s++) {
            LabeledBatch b = builder.build(BatchRequest.of(32, 1000 + s));
            float[] x = normalization.normalize(b.images().pixels(), b.images().channels(), b.images().height(),
                    b.images().width());
            try (NDManager step = scope.newSubManager()) {
                NDArray input = OwnedArrays.of(step, x, new Shape(32, b.images().channels(), b.images().height(), b.images().width()));
                List<NDArray> grads = FedSgdClient.gradient(model, input, b.labels(), oracle, step);
                List<String> names = model.trainableNames();
                List<NDArray> params = model.trainableArrays();
                java.util.Map<String, float[]> updated = new java.util.HashMap<>();
                for (int i = 0; i < params.size(); i++) {
                    float[] p = params.get(i).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                    float[] g = grads.get(i).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                    for (int j = 0; j < p.length; j++) {
                        p[j] -= 0.05f * g[j];
                    }
                    updated.put(names.get(i), p);
                }
                org.giaworkbench.model.ModelSurgery.set(model, updated);
            }
        }
    }

    /** The evaluation table: every malicious model must be flagged, no honest one. */
    List<CheckReport.Case> table(NDManager base, Device device, GradientOracle oracle) {
        List<CheckReport.Case> rows = new ArrayList<>();
        String[][] malicious = {
            {"robbing-the-fed-b64"},
            {"robbing-the-fed-b64", "attack.bins=64"},
            {"robbing-the-fed-b64", "attack.bins=4096"},
            {"robbing-the-fed-b64", "attack.statistic=random-projection", "attack.distribution=laplace"},
            {"robbing-the-fed-b64", "attack.flatten-logits=false", "model.weights=untrained"},
            {"robbing-the-fed-b64", "model.arch=lenet-dlg", "model.weights=untrained"},
            {"fishing-b32", "data.batch=8"},
            {"fishing-b32"},
            {"fishing-b32", "attack.target-class=3", "model.weights=untrained"},
            {"fishing-b32", "model.arch=lenet-dlg", "model.weights=untrained"},
        };
        for (String[] m : malicious) {
            rows.add(new CheckReport.Case(describe(m), true, check(spec(m), 0, base, device, oracle)));
        }
        String[][] honest = {
            {"quickstart-ig", "model.seed=0"}, {"quickstart-ig", "model.seed=1"}, {"quickstart-ig", "model.seed=2"},
            {"quickstart-ig", "model.seed=3"}, {"quickstart-ig", "model.seed=4"},
            {"quickstart-ig", "model.arch=resnet32"}, {"quickstart-ig", "model.arch=resnet56"},
            {"quickstart-dlg", "model.seed=0"}, {"quickstart-dlg", "model.seed=1"}, {"quickstart-dlg", "model.seed=2"},
            {"quickstart-ig", "model.weights=bundled"},
        };
        for (String[] h : honest) {
            rows.add(new CheckReport.Case(describe(h), false, check(spec(h), 0, base, device, oracle)));
        }
        for (int steps : new int[] {3, 10}) {
            String[] h = {"quickstart-ig", "model.weights=bundled"};
            rows.add(new CheckReport.Case(describe(h) + " +" + steps + " SGD steps", false,
                    check(spec(h), steps, base, device, oracle)));
        }
        return rows;
    }

    private static String describe(String[] preset) {
        return String.join(" ", preset);
    }

    static ExperimentSpec spec(String[] presetAndOverrides) {
        var tree = SpecJson.presetTree(presetAndOverrides[0]);
        for (int i = 1; i < presetAndOverrides.length; i++) {
            SpecJson.applyOverride(tree, presetAndOverrides[i]);
        }
        return SpecJson.bind(tree);
    }
}
