package org.giaworkbench.plugin.spi;

/** One configured attack, ready to run once. */
public interface Attack {

    /**
     * Reconstructs the client's batch from what the server sees. Returns when its iterations are done;
     * results flow through {@link AttackContext#report} and {@link AttackContext#reportLabels}.
     */
    void run(ServerView view, AttackContext context);
}
