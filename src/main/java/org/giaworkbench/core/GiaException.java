package org.giaworkbench.core;

/**
 * An error a user can act on: what is wrong, what kind of failure it is, and how to fix it.
 * The CLI prints it as one line without a stack trace; the GUI shows it in a banner.
 */
public class GiaException extends RuntimeException {

    /** Failure kinds worth telling apart (they map to exit codes and to the GUI's banner). */
    public enum Kind { BAD_INPUT, DIVERGED, OUT_OF_MEMORY, ENGINE, CANCELLED, INTERNAL }

    private final Kind kind;
    private final String hint;

    public GiaException(Kind kind, String message, String hint) {
        this(kind, message, hint, null);
    }

    public GiaException(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint == null ? "" : hint;
    }

    public static GiaException badInput(String message, String hint) {
        return new GiaException(Kind.BAD_INPUT, message, hint);
    }

    public Kind kind() {
        return kind;
    }

    /** How to fix it; empty when there is nothing useful to say. */
    public String hint() {
        return hint;
    }
}
