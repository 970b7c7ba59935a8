package org.giaworkbench.ui.run;

/** Where a run of this session stands, as the window shows it. */
public enum RunState {
    STARTING, RUNNING, CANCELLING, FINISHED, CANCELLED, DIVERGED, FAILED,
    /** A stored run whose process ended during the run (read back from the experiment store). */
    INTERRUPTED;

    public boolean isTerminal() {
        return ordinal() >= FINISHED.ordinal();
    }

    /** Key of the state's name in the message bundle. */
    public String messageKey() {
        return "state." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
