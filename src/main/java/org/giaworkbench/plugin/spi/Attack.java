package org.giaworkbench.plugin.spi;

/** One configured attack, ready to run once. */
public interface Attack {

    /**
     * Reconstructs the client's batch from what the server sees. Returns when its iterations are done;
     * results flow through {@link AttackContext#report} and {@link AttackContext#reportLabels}.
     */
    void run(ServerView view, AttackContext context);

    /**
     * The server's act before the round: the model it sends to the client. Honest attacks ship the
     * federation's model unchanged; malicious-server attacks (ANA-GIA) return a modified one, on which
     * the client then computes its gradient and which {@link ServerView#model()} shows.
     */
    default ShippedModel ship(ServerSetup setup) {
        return ShippedModel.honest(setup.honest());
    }
}
