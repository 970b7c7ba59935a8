package org.giaworkbench.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.spec.ModelSpec;
import org.giaworkbench.core.train.Checkpoints;
import org.giaworkbench.core.train.EpochStats;
import org.giaworkbench.core.train.TrainingEvent;
import org.giaworkbench.core.train.TrainingEventSink;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import org.giaworkbench.data.Dataset;
import org.giaworkbench.data.DatasetFactory;
import org.giaworkbench.model.ClassificationLoss;
import org.giaworkbench.model.GiaModel;
import org.giaworkbench.model.ModelFactory;
import org.giaworkbench.model.TrainedWeights;
import org.giaworkbench.nd.OwnedArrays;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * Trains a built-in model on the compute thread. Why our own loop and not DJL's {@code Trainer}: a
 * {@link GiaModel} already owns its block and parameter store, and gradients go through the same
 * {@link GradientOracle} as the attacks ({@code autograd.grad}, nothing accumulates in {@code .grad},
 * whose pitfalls are in the DJL notes); each step lives in its own sub-manager. BatchNorm runs on batch
 * statistics while training (updating the running statistics, which the checkpoints keep) and on the
 * running statistics on the held-out images.
 */
public final class ModelTrainer {

    private static final int EVAL_BATCH = 100;

    private final GradientOracle oracle;

    public ModelTrainer(GradientOracle oracle) {
        this.oracle = oracle;
    }

    /** Checks the spec without the engine: numbers, dataset, architecture, start weights. */
    public static void validate(TrainingSpec spec) {
        if (spec == null || spec.model() == null || spec.data() == null) {
            throw GiaException.badInput("the training job names no model or dataset", "");
        }
        spec.validate();
        ModelFactory.info(spec.model().arch());
        TrainedWeights.activationId(spec.model());
    }

    /** The folder the job writes to. */
    public static Path folder(TrainingSpec spec) {
        return spec.outDir() != null && !spec.outDir().isBlank() ? Path.of(spec.outDir())
                : TrainedWeights.folder(spec.model(), spec.data());
    }

    /**
     * Runs the job; returns the result (finished or cancelled), or throws {@link Failure} carrying the
     * epochs completed before (diverged, out of memory...). Checkpoints of completed epochs are never lost.
     */
    public TrainingResult train(long jobId, TrainingSpec spec, NDManager base, Device device, CancellationToken token,
                                TrainingEventSink sink) {
        validate(spec);
        long start = System.nanoTime();
        Dataset dataset = DatasetFactory.open(spec.data());
        TrainingData data = new TrainingData(dataset, DatasetFactory.normalization(spec.data()), spec.heldOut());
        int classes = spec.model().numClasses() != null ? spec.model().numClasses() : dataset.numClasses();
        ModelSpec start0 = TrainedWeights.resolve(spec.model(), spec.data());
        Path folder = folder(spec);
        List<EpochStats> done = new ArrayList<>();
        EpochStats startStats = null;
        try (NDManager job = base.newSubManager(device)) {
            GiaModel model = ModelFactory.build(start0, classes, dataset.channels(), dataset.height(), job);
            List<NDArray> params = model.trainableArrays();
            float[][] host = new float[params.size()][];
            boolean[] decays = new boolean[params.size()];
            for (int i = 0; i < host.length; i++) {
                host[i] = params.get(i).toType(DataType.FLOAT32, false).toFloatArray();
                decays[i] = params.get(i).getShape().dimension() > 1;
            }
            HostOptimizer optimizer = HostOptimizer.of(spec, decays, host);
            try {
                Files.createDirectories(folder);
                Checkpoints.clear(folder);
            } catch (IOException e) {
                throw GiaException.badInput("cannot write checkpoints to " + folder + ": " + e.getMessage(),
                        "choose another folder with --out");
            }
            int batchesPerEpoch = data.epochOrder(spec.batchSize(), 0).size();
            double[] held0 = evaluate(model, data, classes, job);
            startStats = new EpochStats(0, Double.NaN, Double.NaN, held0[0], held0[1], 0, null);
            sink.accept(new TrainingEvent.Started(jobId, spec, dataset.description(), folder.toString(), data.trainSize(),
                    data.heldOutSize(), batchesPerEpoch, model.parameterCount(), startStats));
            for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = 0;
                int correct = 0;
                int seen = 0;
                List<int[]> order = data.epochOrder(spec.batchSize(), spec.seed() * 1_000_003L + epoch);
                for (int b = 0; b < order.size(); b++) {
                    if (token.isCancelled()) {
                        return result(spec, RunStatus.CANCELLED, "cancelled in epoch " + epoch + " after "
                                + done.size() + " completed epochs", folder, startStats, done, data, model, start);
                    }
                    TrainingData.Batch batch = data.load(order.get(b));
                    float[][] grads = new float[params.size()][];
                    double[] lossAndCorrect = step(model, params, batch, classes, job, grads);
                    if (!Double.isFinite(lossAndCorrect[0])) {
                        throw diverged(spec, epoch, b + 1, startStats, done, folder, data, model, start);
                    }
                    optimizer.step(host, grads);
                    for (int i = 0; i < host.length; i++) {
                        OwnedArrays.write(params.get(i), host[i]);
                    }
                    lossSum += lossAndCorrect[0] * batch.size();
                    correct += (int) lossAndCorrect[1];
                    seen += batch.size();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    sink.accept(new TrainingEvent.Progress(jobId, epoch, b + 1, order.size(), lossSum / seen,
                            (double) correct / seen, seen / ((System.nanoTime() - epochStart) / 1e9), elapsed));
                }
                if (!allFinite(host)) {
                    throw diverged(spec, epoch, order.size(), startStats, done, folder, data, model, start);
                }
                double[] held = evaluate(model, data, classes, job);
                Path file = Checkpoints.epochFile(folder, epoch);
                save(model, file);
                EpochStats stats = new EpochStats(epoch, lossSum / seen, (double) correct / seen, held[0], held[1],
                        (System.nanoTime() - epochStart) / 1e9, file.toString());
                done.add(stats);
                writeHistory(folder, new TrainingResult(spec, null, "epoch " + epoch + " of " + spec.epochs() + " done",
                        folder.toString(), startStats, done, data.trainSize(), data.heldOutSize(), model.parameterCount(),
                        (System.nanoTime() - start) / 1e9));
                sink.accept(new TrainingEvent.EpochDone(jobId, stats));
            }
            return result(spec, RunStatus.FINISHED, "trained " + spec.epochs() + " epochs", folder, startStats, done, data, model,
                    start);
        } catch (Failure f) {
            throw f;
        } catch (GiaException e) {
            throw new Failure(e, partial(spec, e, folder, startStats, done, start));
        }
    }

    /** One SGD step's loss and gradients: returns {loss, correct predictions}; grads filled in place. */
    private double[] step(GiaModel model, List<NDArray> params, TrainingData.Batch batch, int classes, NDManager job,
                          float[][] grads) {
        try (NDManager step = job.newSubManager()) {
            NDArray x = OwnedArrays.of(step, batch.inputs(), shape(model, batch.size()));
            NDArray logits = model.forward(x, true);
            NDArray loss = ClassificationLoss.crossEntropy(logits, ClassificationLoss.oneHot(step, batch.labels(), classes, x));
            List<NDArray> g = oracle.grad(List.of(loss), params, false, step);
            for (int i = 0; i < grads.length; i++) {
                grads[i] = g.get(i).toType(DataType.FLOAT32, false).toFloatArray();
            }
            return new double[] {loss.getFloat(), correct(logits.toFloatArray(), batch.labels(), classes)};
        }
    }

    /** Mean loss and accuracy on the held-out images, BatchNorm on running statistics; NaN if none. */
    private static double[] evaluate(GiaModel model, TrainingData data, int classes, NDManager job) {
        if (data.heldOutSize() == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double lossSum = 0;
        int correct = 0;
        for (int[] indices : data.heldOutBatches(EVAL_BATCH)) {
            TrainingData.Batch batch = data.load(indices);
            try (NDManager scope = job.newSubManager()) {
                NDArray x = OwnedArrays.of(scope, batch.inputs(), shape(model, batch.size()));
                NDArray logits = model.forward(x, false);
                NDArray loss = ClassificationLoss.crossEntropy(logits, ClassificationLoss.oneHot(scope, batch.labels(),
                        classes, x));
                lossSum += loss.getFloat() * batch.size();
                correct += correct(logits.toFloatArray(), batch.labels(), classes);
            }
        }
        return new double[] {lossSum / data.heldOutSize(), (double) correct / data.heldOutSize()};
    }

    private static Shape shape(GiaModel model, int n) {
        Shape s = model.inputShape();
        return new Shape(n, s.get(1), s.get(2), s.get(3));
    }

    static int correct(float[] logits, int[] labels, int classes) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return correct;
    }

    private static boolean allFinite(float[][] host) {
        for (float[] a : host) {
            for (float v : a) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void save(GiaModel model, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            model.saveNpz(out);
        } catch (IOException e) {
            throw GiaException.badInput("cannot write checkpoint " + file + ": " + e.getMessage(), "check the folder");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw GiaException.badInput("cannot write checkpoint " + file + ": " + e.getMessage(), "check the folder");
        }
    }

    private static void writeHistory(Path folder, TrainingResult r) {
        try {
            Checkpoints.writeHistory(folder, r);
        } catch (IOException e) {
            throw GiaException.badInput("cannot write " + folder.resolve(Checkpoints.HISTORY) + ": " + e.getMessage(), "");
        }
    }

    private static TrainingResult result(TrainingSpec spec, RunStatus status, String message, Path folder,
                                         EpochStats startStats, List<EpochStats> done, TrainingData data, GiaModel model,
                                         long start) {
        TrainingResult r = new TrainingResult(spec, status, message, folder.toString(), startStats, done, data.trainSize(),
                data.heldOutSize(), model.parameterCount(), (System.nanoTime() - start) / 1e9);
        writeHistory(folder, r);
        return r;
    }

    private static Failure diverged(TrainingSpec spec, int epoch, int batch, EpochStats startStats, List<EpochStats> done,
                                    Path folder,
                                    TrainingData data, GiaModel model, long start) {
        String kept = done.isEmpty() ? "no epoch completed, so no checkpoint was written"
                : "the last good checkpoint is " + Checkpoints.weightsName(done.size()) + " (" + done.get(done.size() - 1).checkpoint() + ")";
        GiaException e = new GiaException(GiaException.Kind.DIVERGED, "training diverged: the loss became NaN or infinite in epoch "
                + epoch + ", batch " + batch + "; " + kept, "lower the learning rate (it was " + spec.learningRate() + ")");
        return new Failure(e, result(spec, RunStatus.DIVERGED, e.getMessage(), folder, startStats, done, data, model, start));
    }

    private static TrainingResult partial(TrainingSpec spec, GiaException e, Path folder, EpochStats startStats,
                                          List<EpochStats> done, long start) {
        return new TrainingResult(spec, RunStatus.FAILED, e.getMessage(), folder.toString(), startStats, done, 0, 0, 0,
                (System.nanoTime() - start) / 1e9);
    }

    /** A failed job with the epochs completed before. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient GiaException failure;
        private final transient TrainingResult partial;

        Failure(GiaException failure, TrainingResult partial) {
            super(failure.getMessage(), failure);
            this.failure = failure;
            this.partial = partial;
        }

        public GiaException failure() {
            return failure;
        }

        public TrainingResult partial() {
            return partial;
        }
    }
}
