package org.giaworkbench.nd;

/**
 * A test hook that makes memory bugs loud: with {@code -Dgia.hostile.gcEvery=N}, every N-th backward
 * pass is preceded by a full garbage collection. A tensor that a graph saved in the forward pass and
 * that still points at Java memory then reads freed memory in the backward (how DJL's scalar arithmetic
 * gave NaN before {@code GraphScalars}). Off by default: one read of a static field.
 */
public final class HostileMemory {

    private static final int EVERY = Integer.getInteger("gia.hostile.gcEvery", 0);
    private static int backwards;

    private HostileMemory() {
    }

    /** Called between a forward pass and its backward. */
    public static void beforeBackward() {
        if (EVERY > 0 && ++backwards % EVERY == 0) {
            System.gc();
        }
    }

    public static boolean enabled() {
        return EVERY > 0;
    }
}
