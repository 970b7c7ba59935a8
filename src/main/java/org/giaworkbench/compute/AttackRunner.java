package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.ImageBatch;
import org.giaworkbench.core.result.ImageScores;
import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.data.BatchBuilder;
import org.giaworkbench.data.BatchRequest;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.DatasetFactory;
import org.giaworkbench.data.LabeledBatch;
import org.giaworkbench.data.Normalization;
import org.giaworkbench.fl.FedAvgClient;
import org.giaworkbench.fl.FedAvgProtocol;
import org.giaworkbench.fl.FedSgdClient;
import org.giaworkbench.fl.ThreatModel;
import org.giaworkbench.metric.LabelAccuracy;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.GraphScalars;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.model.TrainedWeights;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.perceptual.LpipsChoice;
import org.giaworkbench.plugin.ParamValues;
import org.giaworkbench.plugin.PluginRegistry;
import org.giaworkbench.plugin.spi.Attack;
import org.giaworkbench.plugin.spi.AttackPlugin;
import org.giaworkbench.plugin.spi.ClientUpdate;
import org.giaworkbench.plugin.spi.InputBox;
import org.giaworkbench.plugin.spi.ServerSetup;
import org.giaworkbench.plugin.spi.ServerView;
import org.giaworkbench.plugin.spi.ShippedModel;

/**
 * The run pipeline, on the compute thread: data -> model -> client gradient -> server view -> attack
 * -> metrics. Every outcome, including failures after the first iteration, carries what was computed.
 */
final class AttackRunner {

    private final PluginRegistry registry;

    AttackRunner(PluginRegistry registry) {
        this.registry = registry;
    }

    /** Checks what can be checked without the engine, so that a bad spec fails before any work. */
    ParamValues validate(ExperimentSpec spec) {
        if (spec.attack() == null || spec.attack().id() == null) {
            throw GiaException.badInput("the spec names no attack", "set attack.id, e.g. --set attack.id=dlg");
        }
        AttackPlugin plugin = registry.attack(spec.attack().id());
        ParamValues values = plugin.descriptor().schema().validate(spec.attack().params(), "attack " + spec.attack().id());
        if (spec.data().batch() < 1) {
            throw GiaException.badInput("data.batch must be at least 1, got " + spec.data().batch(), "");
        }
        if (spec.data().sameLabel() < 0 || spec.data().sameLabel() > spec.data().batch()) {
            throw GiaException.badInput("data.sameLabel must be between 0 and the batch size (" + spec.data().batch()
                    + "), got " + spec.data().sameLabel(), "");
        }
        FedAvgProtocol.validate(spec.fl());
        ModelFactory.info(spec.model().arch());
        TrainedWeights.resolve(spec.model(), spec.data()); // a missing trained:K checkpoint fails before any work
        LpipsChoice.parse(spec.run().lpips());
        ThreatModel.labelsGranted(spec.fl().labels(), plugin.assumesKnownLabels());
        return values;
    }

    RunResult run(long runId, ExperimentSpec spec, NDManager base, Device device, ComputeContext compute,
                  CancellationToken token, RunEventSink sink) {
        Prepared p = prepare(runId, spec, base, device, compute, token, sink);
        try {
            Outcome outcome;
            try {
                p.attack.run(p.view, p.session);
                outcome = Outcome.FINISHED;
            } catch (RuntimeException | OutOfMemoryError e) {
                outcome = Outcome.of(e, p.session);
            }
            return finish(p, outcome);
        } finally {
            p.close();
        }
    }

    /**
     * Everything up to the attack: data, model, the client's gradient, what the server sees, the run's
     * session (the Started event is sent). The caller runs the attack and calls {@link #finish}, then
     * {@link Prepared#close()}.
     */
    Prepared prepare(long runId, ExperimentSpec spec, NDManager base, Device device, ComputeContext compute,
                     CancellationToken token, RunEventSink sink) {
        ParamValues params = validate(spec);
        AttackPlugin plugin = registry.attack(spec.attack().id());
        Dataset dataset = DatasetFactory.open(spec.data());
        LabeledBatch batch = new BatchBuilder(dataset).build(new BatchRequest(spec.data().batch(), spec.data().sameLabel(),
                spec.data().seed(), spec.data().index()));
        Normalization normalization = DatasetFactory.normalization(spec.data());
        ImageBatch truth = batch.images();
        int numClasses = spec.model().numClasses() != null ? spec.model().numClasses() : dataset.numClasses();
        for (int label : batch.labels()) {
            if (label >= numClasses) {
                throw GiaException.badInput("label " + label + " does not fit a model with " + numClasses + " classes",
                        "set model.numClasses to at least " + dataset.numClasses());
            }
        }
        long startNanos = System.nanoTime();
        NDManager runManager = base.newSubManager(device);
        try {
            GiaModel model = ModelFactory.build(TrainedWeights.resolve(spec.model(), spec.data()), numClasses, truth.channels(), truth.height(), runManager);
            ThreadPolicy.apply(ThreadPolicy.choose(device, model.parameterCount(), truth.count(),
                    (long) truth.height() * truth.width()));
            RunInfo info = compute.info(model.parameterCount());
            InputBox box = box(normalization, truth.channels());
            float[] inputs = normalization.normalize(truth.pixels(), truth.channels(), truth.height(), truth.width());
            Shape shape = new Shape(truth.count(), truth.channels(), truth.height(), truth.width());
            Attack attack = plugin.create(params);
            boolean granted = ThreatModel.labelsGranted(spec.fl().labels(), plugin.assumesKnownLabels());
            // The server's act: the model it ships (the honest one unless the attack modifies it).
            ServerSetup setup = new ServerSetup(model, runManager, spec.run().seed(), truth.count(), new Shape(truth.channels(),
                    truth.height(), truth.width()), numClasses, granted ? batch.labels().clone() : null, box,
                    PublicSamples.lazy(dataset, normalization, batch.datasetIndices()));
            ShippedModel shipped = attack.ship(setup);
            model = shipped.model();
            if (shipped.modified()) {
                info = compute.info(model.parameterCount());
            }
            List<NDArray> observed;
            ClientUpdate update = null;
            try (NDManager clientScope = runManager.newSubManager()) {
                NDArray x = OwnedArrays.of(clientScope, inputs, shape);
                if (spec.fl().fedAvg()) {
                    List<NDArray> delta = FedAvgClient.update(model, x, batch.labels(), FedAvgProtocol.client(spec.fl()),
                            compute.oracle(), runManager);
                    update = new ClientUpdate(delta, FedAvgProtocol.serverAssumption(spec.fl()));
                    observed = asGradient(delta, FedAvgProtocol.readingLr(spec.fl()));
                } else {
                    observed = FedSgdClient.gradient(model, x, batch.labels(), compute.oracle(), runManager);
                }
            }
            ObservedGradientCheck.requireInvertible(observed);
            ServerView view = new ServerView(model, observed, truth.count(), new Shape(truth.channels(), truth.height(),
                    truth.width()), numClasses, granted ? batch.labels().clone() : null, box, update);
            RunSession session = new RunSession(runId, runManager, compute.oracle(), token, sink, spec.run().seed(),
                    spec.run().snapshotEvery(), truth, normalization);
            session.useExtraMetrics(ExtraMetrics.open(spec.run().lpips(), truth, dataset, runManager));
            sink.accept(new RunEvent.Started(runId, spec, info, truth, batch.labels().clone(), expectedIterations(params)));
            return new Prepared(spec, params, attack, view, session, shipped, setup, inputs, truth, batch, info, startNanos,
                    runManager, model.saveBuffers());
        } catch (RuntimeException | Error e) {
            runManager.close();
            throw e;
        }
    }

    /** A run made ready by {@link #prepare}; owns the run's manager until {@link #close()}. */
    static final class Prepared implements AutoCloseable {
        final ExperimentSpec spec;
        final ParamValues params;
        final Attack attack;
        final ServerView view;
        final RunSession session;
        private final ShippedModel shipped;
        private final ServerSetup setup;
        private final float[] inputs;
        private final ImageBatch truth;
        private final LabeledBatch batch;
        private final RunInfo info;
        private final long startNanos;
        private final NDManager runManager;
        private final java.util.Map<String, float[]> buffers;

        private Prepared(ExperimentSpec spec, ParamValues params, Attack attack, ServerView view, RunSession session,
                         ShippedModel shipped, ServerSetup setup, float[] inputs, ImageBatch truth, LabeledBatch batch,
                         RunInfo info, long startNanos, NDManager runManager, java.util.Map<String, float[]> buffers) {
            this.spec = spec;
            this.params = params;
            this.attack = attack;
            this.view = view;
            this.session = session;
            this.shipped = shipped;
            this.setup = setup;
            this.inputs = inputs;
            this.truth = truth;
            this.batch = batch;
            this.info = info;
            this.startNanos = startNanos;
            this.runManager = runManager;
            this.buffers = buffers;
        }

        /** The labels the attack works with: granted ones, else none (the attack infers them). */
        int[] grantedLabels() {
            return view.knownLabels();
        }

        boolean modelModified() {
            return shipped.modified();
        }

        @Override
        public void close() {
            runManager.close();
        }
    }

    /** How the attack part of a run ended. */
    record Outcome(RunStatus status, String message, GiaException failure) {
        static final Outcome FINISHED = new Outcome(RunStatus.FINISHED, "finished", null);

        static Outcome of(Throwable e, RunSession session) {
            if (e instanceof CancellationException) {
                return new Outcome(RunStatus.CANCELLED, "cancelled at iteration " + session.iterationsDone(), null);
            }
            if (e instanceof GiaException g) {
                return new Outcome(g.kind() == GiaException.Kind.DIVERGED ? RunStatus.DIVERGED : RunStatus.FAILED,
                        g.getMessage(), g);
            }
            GiaException g = Failures.classify(e);
            return new Outcome(RunStatus.FAILED, g.getMessage(), g);
        }
    }

    /**
     * The result of a prepared run whose attack ended with {@code outcome}: best images so far, scores,
     * the server's own evaluation. Throws {@link RunFailure} (carrying the result) for a failed attack.
     */
    RunResult finish(Prepared p, Outcome outcome) {
        p.view.model().restoreBuffers(p.buffers);
        RunResult result = result(p.spec, outcome.status(), outcome.message(), p.info, p.session, p.batch, p.startNanos,
                AnaEvaluation.binsOf(p.shipped, p.inputs, p.truth, p.setup.publicData()));
        if (outcome.failure() != null) {
            throw new RunFailure(outcome.failure(), result);
        }
        return result;
    }

    private RunResult result(ExperimentSpec spec, RunStatus status, String message, RunInfo info, RunSession session,
                             LabeledBatch batch, long startNanos, AnaEvaluation.Server server) {
        ImageBatch recon = session.bestImages();
        ImageScores scores = session.finalScore(recon);
        int[] recovered = session.labels();
        double labelAccuracy = recovered == null ? Double.NaN : LabelAccuracy.of(batch.labels(), recovered);
        return new RunResult(spec, status, message, info, batch.images(), recon.select(scores.order()),
                batch.labels().clone(), recovered == null ? new int[0] : recovered, labelAccuracy, LabelAccuracy.VARIANT, scores,
                session.finishSeries(scores), session.iterationsDone(), session.bestLoss(),
                (System.nanoTime() - startNanos) / 1e9,
                AnaEvaluation.extras(batch.images(), recon, scores, session.attackMetrics(), server));
    }

    /** Iterations times restarts where the attack has them (the attack may refine it once running). */
    private static int expectedIterations(ParamValues params) {
        Object iterations = params.values().get("iterations");
        Object restarts = params.values().get("restarts");
        return (iterations instanceof Integer i ? i : 0) * (restarts instanceof Integer r ? r : 1);
    }

    /** A FedAvg update read as one FedSGD gradient: {@code -delta / lr}, in the manager of {@code delta}. */
    private static List<NDArray> asGradient(List<NDArray> delta, double lr) {
        return delta.stream().map(d -> GraphScalars.mul(d, -1.0 / lr)).toList();
    }

    private static InputBox box(Normalization n, int channels) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = n.isIdentity() ? 0f : n.mean()[c];
            std[c] = n.isIdentity() ? 1f : n.std()[c];
        }
        return new InputBox(mean, std);
    }

    /** A failure that still carries the partial result. */
    static final class RunFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient GiaException cause;
        private final transient RunResult partial;

        RunFailure(GiaException cause, RunResult partial) {
            super(cause.getMessage(), cause);
            this.cause = cause;
            this.partial = partial;
        }

        GiaException failure() {
            return cause;
        }

        RunResult partial() {
            return partial;
        }
    }
}
