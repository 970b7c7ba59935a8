package org.giaworkbench.fl;

import org.giaworkbench.core.GiaException;
import org.giaworkbench.core.spec.FlSpec;
import org.giaworkbench.plugin.spi.LocalTraining;

/** Reads the FedAvg part of an {@link FlSpec}: the client's local training and what the server assumes. */
public final class FedAvgProtocol {

    private FedAvgProtocol() {
    }

    /** Checks the protocol and, for FedAvg, every local-training value; throws a clear error otherwise. */
    public static void validate(FlSpec fl) {
        String protocol = fl.protocol() == null ? "fedsgd" : fl.protocol();
        if (!protocol.equals("fedsgd") && !protocol.equals("fedavg")) {
            throw GiaException.badInput("fl.protocol must be fedsgd or fedavg, got '" + protocol + "'", "");
        }
        if (fl.fedAvg()) {
            client(fl);
            serverAssumption(fl);
        }
    }

    /** The local training the client really runs. */
    public static LocalTraining client(FlSpec fl) {
        return training(fl.epochs(), fl.localBatch(), fl.lr(), "fl.epochs", "fl.localBatch", "fl.lr");
    }

    /** What the server simulates: the truth (strong), its own guess (weak), or nothing (none: null). */
    public static LocalTraining serverAssumption(FlSpec fl) {
        String mode = fl.simulation() == null ? "strong" : fl.simulation();
        return switch (mode) {
            case "strong" -> client(fl);
            case "weak" -> training(fl.assumedEpochs(), fl.assumedBatch(), fl.assumedLr(),
                    "fl.assumedEpochs", "fl.assumedBatch", "fl.assumedLr");
            case "none" -> null;
            default -> throw GiaException.badInput("fl.simulation must be strong, weak or none, got '" + mode + "'", "");
        };
    }

    /** The learning rate by which the server turns the update into a gradient, {@code -delta / lr}. */
    public static double readingLr(FlSpec fl) {
        LocalTraining assumed = serverAssumption(fl);
        // Without simulation the server still knows the rate it prescribed to its clients.
        return assumed != null ? assumed.lr() : client(fl).lr();
    }

    private static LocalTraining training(int epochs, int batch, double lr, String e, String b, String l) {
        if (epochs < 1) {
            throw GiaException.badInput(e + " must be at least 1, got " + epochs, "");
        }
        if (batch < 0) {
            throw GiaException.badInput(b + " must be 0 (the whole batch) or more, got " + batch, "");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw GiaException.badInput(l + " must be a positive number, got " + lr, "");
        }
        return new LocalTraining(epochs, batch, lr);
    }
}
