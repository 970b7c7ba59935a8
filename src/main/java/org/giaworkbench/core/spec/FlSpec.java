package org.giaworkbench.core.spec;

/**
 * The federated protocol and the threat model.
 *
 * <p>Practical FedAvg (McMahan et al. 2017; the seed's section II-E and Table III): the client runs
 * {@code epochs} local epochs over its {@code data.batch} images in mini-batches of {@code localBatch}
 * (in order, no shuffling; the last mini-batch of an epoch may be smaller) with plain SGD at learning
 * rate {@code lr}, and sends the weight update {@code w_E - w_0}. The server attacks it in one of
 * three {@code simulation} modes:
 * <ul>
 *   <li>{@code strong}: it knows E, B and eta and unrolls the same local training differentiably;</li>
 *   <li>{@code weak}: it unrolls a local training with its own guesses {@code assumedEpochs},
 *       {@code assumedBatch}, {@code assumedLr};</li>
 *   <li>{@code none}: it reads the update as one FedSGD gradient, {@code -update / lr}.</li>
 * </ul>
 *
 * @param protocol      {@code fedsgd} (default): the client shares the gradient of one batch;
 *                      {@code fedavg}: it shares the update of its local training
 * @param labels        what the server knows of the labels: {@code auto} (the attack's own assumption),
 *                      {@code known} (granted to the attack) or {@code unknown}
 * @param epochs        FedAvg local epochs E (at least 1)
 * @param localBatch    FedAvg mini-batch size B; 0 means the whole local batch (one step per epoch)
 * @param lr            FedAvg local learning rate eta
 * @param simulation    how the server reads a FedAvg update: {@code strong}, {@code weak} or {@code none}
 * @param assumedEpochs the epochs weak simulation assumes
 * @param assumedBatch  the mini-batch size weak simulation assumes (0: whole batch)
 * @param assumedLr     the learning rate weak simulation assumes
 */
public record FlSpec(String protocol, String labels, int epochs, int localBatch, double lr, String simulation,
                     int assumedEpochs, int assumedBatch, double assumedLr) {

    /** FedSGD, or the FedAvg defaults (E=1, whole batch, eta=1e-2, strong; weak guesses E=1, B=1, eta=1e-3). */
    public FlSpec(String protocol, String labels) {
        this(protocol, labels, 1, 0, 1e-2, "strong", 1, 1, 1e-3);
    }

    public static FlSpec defaults() {
        return new FlSpec("fedsgd", "auto");
    }

    public boolean fedAvg() {
        return "fedavg".equals(protocol);
    }
}
