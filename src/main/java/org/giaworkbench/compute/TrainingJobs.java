package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.result.RunStatus;
import org.giaworkbench.core.run.CancellationToken;
import org.giaworkbench.core.train.TrainingEvent;
import org.giaworkbench.core.train.TrainingEventSink;
import org.giaworkbench.core.train.TrainingResult;
import org.giaworkbench.core.train.TrainingSpec;
import org.giaworkbench.plugin.spi.GradientOracle;
import org.giaworkbench.train.ModelTrainer;

/** Runs one training job on the compute thread and turns its outcome into exactly one terminal event. */
final class TrainingJobs {

    record Engine(Device device, NDManager base, GradientOracle oracle) {
    }

    private TrainingJobs() {
    }

    static void execute(long id, TrainingSpec spec, CancellationToken token, TrainingEventSink sink,
                        CompletableFuture<TrainingResult> outcome, Function<String, Engine> engines) {
        try {
            if (token.isCancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            ModelTrainer.validate(spec);
            Engine engine = engines.apply(spec.device() == null ? "auto" : spec.device());
            TrainingResult result = new ModelTrainer(engine.oracle()).train(id, spec, engine.base(), engine.device(),
                    token, sink);
            sink.accept(result.status() == RunStatus.CANCELLED ? new TrainingEvent.Cancelled(id, result)
                    : new TrainingEvent.Finished(id, result));
            outcome.complete(result);
        } catch (ModelTrainer.Failure f) {
            GiaException g = f.failure();
            sink.accept(new TrainingEvent.Failed(id, g.kind(), g.getMessage(), g.hint(), f.partial()));
            outcome.complete(f.partial());
        } catch (java.util.concurrent.CancellationException e) {
            sink.accept(new TrainingEvent.Failed(id, GiaException.Kind.CANCELLED, "cancelled before it started", "", null));
            outcome.complete(null);
        } catch (Throwable e) {
            GiaException g = Failures.classify(e);
            sink.accept(new TrainingEvent.Failed(id, g.kind(), g.getMessage(), g.hint(), null));
            outcome.complete(null);
        }
    }
}
