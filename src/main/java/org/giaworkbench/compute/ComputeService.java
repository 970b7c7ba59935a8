package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.giaworkbench.compute.autograd.SecondOrderGradients;
import org.giaworkbench.compute.gradsim.GradientSimilarity;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.gradsim.GradSimReport;
import org.giaworkbench.core.gradsim.GradSimRequest;
import org.giaworkbench.data.BundledDataset;
import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.core.result.RunResult;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.run.RunEvent;
import org.giaworkbench.core.run.RunEventSink;
import org.giaworkbench.core.run.RunHandle;
import org.giaworkbench.core.spec.ExperimentSpec;
import org.giaworkbench.core.train.TrainingEventSink;
import org.giaworkbench.core.train.TrainingHandle;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import org.giaworkbench.plugin.PluginRegistry;
import org.giaworkbench.plugin.spi.GradientOracle;

/**
 * The one thread that owns DJL ({@code gia-compute}). Runs are queued and executed one at a time;
 * {@link #submit} never blocks. Every native object (managers, models, the gradient helper) is
 * created, used and closed on that thread.
 */
public final class ComputeService implements AutoCloseable {

    public static final String THREAD_NAME = "gia-compute";

    private final ExecutorService executor;
    private final AttackRunner runner;
    private final AtomicLong nextRunId = new AtomicLong(1);
    private Thread computeThread;

    // Touched only on the compute thread.
    private EngineBootstrap.EngineInfo engine;
    private final Map<Device, NDManager> baseManagers = new HashMap<>();
    private final PluginRegistry registry;
    private final Map<Device, SecondOrderGradients> helpers = new HashMap<>();

    public ComputeService() {
        this(PluginRegistry.defaults());
    }

    public ComputeService(PluginRegistry registry) {
        this.runner = new AttackRunner(registry);
        this.registry = registry;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            computeThread = t;
            return t;
        });
    }

    /** Queues a run; events go to {@code sink} on the compute thread. */
    public RunHandle submit(ExperimentSpec spec, RunEventSink sink) {
        long id = nextRunId.getAndIncrement();
        CancellationToken token = new CancellationToken();
        CompletableFuture<RunResult> outcome = new CompletableFuture<>();
        executor.execute(() -> execute(id, spec, token, sink, outcome));
        return new RunHandle(id, token, outcome);
    }

    /**
     * Queues several runs as one job: where {@link StackedRuns#candidates} and the device allow (see
     * {@link org.giaworkbench.attack.op.Stacking}), they run in lockstep on one stacked model; otherwise
     * one after another. Each run keeps its own id, events and outcome; the runs share one cancellation
     * (cancelling any handle cancels the group).
     */
    public java.util.List<RunHandle> submitGroup(java.util.List<ExperimentSpec> specs, java.util.List<RunEventSink> sinks) {
        if (specs.size() != sinks.size()) {
            throw new IllegalArgumentException(specs.size() + " specs for " + sinks.size() + " sinks");
        }
        CancellationToken token = new CancellationToken();
        java.util.List<RunHandle> handles = new java.util.ArrayList<>();
        java.util.List<CompletableFuture<RunResult>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            CompletableFuture<RunResult> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            handles.add(new RunHandle(nextRunId.getAndIncrement(), token, outcome));
        }
        executor.execute(() -> executeGroup(handles, specs, sinks, token, outcomes));
        return handles;
    }

    /**
     * Whether runs of {@code specs} would run stacked if submitted together with {@link #submitGroup}
     * (blocks while the engine starts; never call it on the FX thread).
     */
    public boolean stacks(java.util.List<ExperimentSpec> specs) {
        if (!StackedRuns.candidates(specs)) {
            return false;
        }
        try {
            return executor.submit(() -> {
                ensureEngine();
                return org.giaworkbench.attack.op.Stacking.wantedOn(EngineBootstrap.resolve(specs.get(0).run().device()).isGpu());
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /**
     * Memory in use on the device a run with {@code deviceChoice} gets (GPU: the whole device, from the
     * CUDA runtime; CPU: "CPU"). Any thread.
     */
    public String deviceMemory(String deviceChoice) {
        Device d = EngineBootstrap.resolve(deviceChoice);
        return d.isGpu() ? "GPU " + d.getDeviceId() + " " + EngineReport.gpuMemory(d) : "CPU";
    }

    /** The most runs {@link #submitGroup} stacks at once. */
    public int maxGroup() {
        return org.giaworkbench.attack.op.Stacking.maxTrials();
    }

    private void executeGroup(java.util.List<RunHandle> handles, java.util.List<ExperimentSpec> specs,
                              java.util.List<RunEventSink> sinks, CancellationToken token,
                              java.util.List<CompletableFuture<RunResult>> outcomes) {
        boolean stacked = false;
        try {
            ensureEngine();
            stacked = StackedRuns.candidates(specs) && org.giaworkbench.attack.op.Stacking.wantedOn(
                    EngineBootstrap.resolve(specs.get(0).run().device()).isGpu());
        } catch (RuntimeException e) {
            stacked = false; // each run reports its own error below
        }
        if (!stacked) {
            for (int i = 0; i < specs.size(); i++) {
                execute(handles.get(i).runId(), specs.get(i), token, sinks.get(i), outcomes.get(i));
            }
            return;
        }
        java.util.List<AttackRunner.Prepared> prepared = new java.util.ArrayList<>();
        java.util.List<Integer> index = new java.util.ArrayList<>();
        try {
            Device device = EngineBootstrap.resolve(specs.get(0).run().device());
            NDManager base = baseManagers.computeIfAbsent(device, NDManager::newBaseManager);
            SecondOrderGradients helper = helpers.computeIfAbsent(device, d -> SecondOrderGradients.load(base));
            ComputeContext context = context(device, helper);
            for (int i = 0; i < specs.size(); i++) {
                try {
                    token.throwIfCancelled();
                    prepared.add(runner.prepare(handles.get(i).runId(), specs.get(i), base, device, context, token, sinks.get(i)));
                    index.add(i);
                } catch (Throwable e) {
                    fail(handles.get(i).runId(), e, sinks.get(i), outcomes.get(i));
                }
            }
            java.util.List<AttackRunner.Outcome> ends = prepared.isEmpty() || !StackedRuns.applicable(prepared)
                    ? null : StackedRuns.run(prepared, helper);
            for (int j = 0; j < prepared.size(); j++) {
                int i = index.get(j);
                AttackRunner.Prepared p = prepared.get(j);
                AttackRunner.Outcome end = ends == null ? null : ends.get(j);
                deliver(handles.get(i).runId(), sinks.get(i), outcomes.get(i), () -> {
                    if (end != null) {
                        return runner.finish(p, end);
                    }
                    // Prepared but not stackable after all (e.g. a model the attack modified): run it alone.
                    AttackRunner.Outcome o;
                    try {
                        p.attack.run(p.view, p.session);
                        o = AttackRunner.Outcome.FINISHED;
                    } catch (RuntimeException | OutOfMemoryError e) {
                        o = AttackRunner.Outcome.of(e, p.session);
                    }
                    return runner.finish(p, o);
                });
            }
        } catch (Throwable e) {
            // The device, the gradient helper or the stacked model could not be set up: every run not
            // ended yet fails with the reason (with what it computed, where it got that far).
            for (int j = 0; j < prepared.size(); j++) {
                int i = index.get(j);
                AttackRunner.Prepared p = prepared.get(j);
                if (!outcomes.get(i).isDone()) {
                    deliver(handles.get(i).runId(), sinks.get(i), outcomes.get(i),
                            () -> runner.finish(p, AttackRunner.Outcome.of(e, p.session)));
                }
            }
            for (int i = 0; i < specs.size(); i++) {
                fail(handles.get(i).runId(), e, sinks.get(i), outcomes.get(i));
            }
        } finally {
            prepared.forEach(AttackRunner.Prepared::close);
            releaseDeviceCache(specs.get(0).run().device());
            for (int i = 0; i < specs.size(); i++) {
                if (!outcomes.get(i).isDone()) {
                    outcomes.get(i).completeExceptionally(new IllegalStateException("run " + handles.get(i).runId()
                            + " ended without an outcome"));
                }
            }
        }
    }

    /**
     * Queues a training job on the same thread as the runs (one job at a time, DJL on one thread);
     * events go to {@code sink} on the compute thread.
     */
    public TrainingHandle submitTraining(TrainingSpec spec, TrainingEventSink sink) {
        long id = nextRunId.getAndIncrement();
        CancellationToken token = new CancellationToken();
        CompletableFuture<TrainingResult> outcome = new CompletableFuture<>();
        executor.execute(() -> TrainingJobs.execute(id, spec, token, sink, outcome, this::engineFor));
        return new TrainingHandle(id, token, outcome);
    }

    /** The base manager and gradient helper of a device, starting the engine if needed (compute thread). */
    private TrainingJobs.Engine engineFor(String deviceName) {
        ensureEngine();
        Device d = EngineBootstrap.resolve(deviceName);
        ThreadPolicy.apply(ThreadPolicy.forOtherWork(d));
        NDManager base = baseManagers.computeIfAbsent(d, NDManager::newBaseManager);
        SecondOrderGradients helper = helpers.computeIfAbsent(d, x -> SecondOrderGradients.load(base));
        return new TrainingJobs.Engine(d, base, helper);
    }

    /** Starts the engine on the compute thread and reports what it found (blocks the caller). */
    public EngineBootstrap.EngineInfo engineInfo() {
        try {
            return executor.submit(this::ensureEngine).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw Failures.classify(e.getCause());
        }
    }

    /**
     * The client-side check on the model {@code spec}'s server would ship (blocks: call it off the FX
     * thread). See {@link org.giaworkbench.fl.ClientCheck}.
     */
    public org.giaworkbench.core.result.CheckReport checkModel(ExperimentSpec spec) throws Exception {
        return onComputeThread(spec.run().device(), (base, oracle) -> new ClientChecks(registry).check(spec, 0, base,
                EngineBootstrap.resolve(spec.run().device()), oracle));
    }

    /** The client check's evaluation table: malicious and honest models (blocks; minutes on a CPU). */
    public java.util.List<org.giaworkbench.core.result.CheckReport.Case> checkTable() throws Exception {
        return onComputeThread("auto", (base, oracle) -> new ClientChecks(registry).table(base,
                EngineBootstrap.resolve("auto"), oracle));
    }

    /** Work that needs the engine: gets the CPU/GPU base manager and the gradient helper. */
    @FunctionalInterface
    public interface EngineTask<T> {
        T run(NDManager base, GradientOracle oracle) throws Exception;
    }

    /**
     * Runs {@code task} on the compute thread with the device's base manager and waits for it
     * (benchmarks and tests; never call it from the FX thread).
     */
    public <T> T onComputeThread(String device, EngineTask<T> task) throws Exception {
        try {
            return executor.submit(() -> {
                ensureEngine();
                Device d = EngineBootstrap.resolve(device);
                ThreadPolicy.apply(ThreadPolicy.forOtherWork(d));
                NDManager base = baseManagers.computeIfAbsent(d, NDManager::newBaseManager);
                SecondOrderGradients helper = helpers.computeIfAbsent(d, x -> SecondOrderGradients.load(base));
                return task.run(base, helper);
            }).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /**
     * Queues a gradient similarity study on the bundled CIFAR-10 images (never blocks; the future
     * completes on the compute thread, exceptionally with a {@link GiaException} for bad input).
     */
    public CompletableFuture<GradSimReport> gradientSimilarity(GradSimRequest request) {
        CompletableFuture<GradSimReport> out = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                ensureEngine();
                Device d = EngineBootstrap.resolve(request.device());
                ThreadPolicy.apply(ThreadPolicy.forOtherWork(d));
                NDManager base = baseManagers.computeIfAbsent(d, NDManager::newBaseManager);
                SecondOrderGradients helper = helpers.computeIfAbsent(d, x -> SecondOrderGradients.load(base));
                out.complete(GradientSimilarity.run(request, BundledDataset.cifar10(),
                        GradientSimilarity.normalization(request.normalization()), helper, base));
            } catch (Throwable e) {
                out.completeExceptionally(e instanceof GiaException g ? g : Failures.classify(e));
            }
        });
        return out;
    }

    private void execute(long id, ExperimentSpec spec, CancellationToken token, RunEventSink sink,
                         CompletableFuture<RunResult> outcome) {
        Device device = null;
        try {
            if (token.isCancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            runner.validate(spec);
            ensureEngine();
            Device d = EngineBootstrap.resolve(spec.run().device());
            device = d;
            NDManager base = baseManagers.computeIfAbsent(d, NDManager::newBaseManager);
            SecondOrderGradients helper = helpers.computeIfAbsent(d, x -> SecondOrderGradients.load(base));
            deliver(id, sink, outcome, () -> runner.run(id, spec, base, d, context(d, helper), token, sink));
        } catch (Throwable e) {
            fail(id, e, sink, outcome);
        } finally {
            if (device != null) {
                releaseDeviceCache(spec.run().device());
            }
            // Whatever escaped the reporting above (a sink that throws, a class that cannot be loaded
            // because the jar was rebuilt under a running process), a waiting caller must not hang.
            if (!outcome.isDone()) {
                outcome.completeExceptionally(new IllegalStateException("run " + id + " ended without an outcome"));
            }
        }
    }

    private ComputeContext context(Device device, SecondOrderGradients helper) {
        return new ComputeContext() {
            @Override
            public GradientOracle oracle() {
                return helper;
            }

            @Override
            public RunInfo info(long parameterCount) {
                return new RunInfo(EngineBootstrap.describe(device), engine.engine(), engine.engineVersion(),
                        engine.djlVersion(), appVersion(), System.getProperty("java.version"), parameterCount);
            }
        };
    }

    /** Runs {@code work} and sends its end to {@code sink}: finished, cancelled or failed (with what it computed). */
    private static void deliver(long id, RunEventSink sink, CompletableFuture<RunResult> outcome,
                                java.util.function.Supplier<RunResult> work) {
        try {
            RunResult result = work.get();
            if (result.status() == RunStatus.CANCELLED) {
                sink.accept(new RunEvent.Cancelled(id, result));
            } else {
                sink.accept(new RunEvent.Finished(id, result));
            }
            outcome.complete(result);
        } catch (AttackRunner.RunFailure f) {
            GiaException g = f.failure();
            sink.accept(new RunEvent.Failed(id, g.kind(), g.getMessage(), g.hint(), f.partial()));
            outcome.complete(f.partial());
        } catch (Throwable e) {
            fail(id, e, sink, outcome);
        }
    }

    private static void fail(long id, Throwable e, RunEventSink sink, CompletableFuture<RunResult> outcome) {
        if (outcome.isDone()) {
            return;
        }
        if (e instanceof java.util.concurrent.CancellationException) {
            sink.accept(new RunEvent.Failed(id, GiaException.Kind.CANCELLED, "cancelled before it started", "", null));
        } else {
            GiaException g = Failures.classify(e);
            sink.accept(new RunEvent.Failed(id, g.kind(), g.getMessage(), g.hint(), null));
        }
        outcome.complete(null);
    }

    /**
     * After a run on a GPU: hands the memory libtorch's caching allocator keeps back to the driver, so
     * that the next run (or another program) finds it free. Measured with {@link #gpuMemory}.
     */
    private void releaseDeviceCache(String deviceChoice) {
        try {
            if (EngineBootstrap.resolve(deviceChoice).isGpu()) {
                ai.djl.pytorch.jni.JniUtils.emptyCudaCache();
            }
        } catch (RuntimeException e) {
            // Nothing to release, or no GPU: the run's own outcome has been reported already.
        }
    }

    private EngineBootstrap.EngineInfo ensureEngine() {
        if (engine == null) {
            engine = EngineBootstrap.start();
        }
        return engine;
    }

    /** True when called on the compute thread. */
    public boolean isComputeThread() {
        return Thread.currentThread() == computeThread;
    }

    static String appVersion() {
        String v = ComputeService.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Stops accepting runs, lets the current one end (callers cancel it first), and frees native memory. */
    @Override
    public void close() {
        executor.execute(() -> {
            helpers.values().forEach(SecondOrderGradients::close);
            helpers.clear();
            baseManagers.values().forEach(NDManager::close);
            baseManagers.clear();
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
