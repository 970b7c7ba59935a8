package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;

/**
 * How many intra-op threads libtorch gets for a run on the CPU.
 *
 * <p>Why not libtorch's default (one per core): each operator of a small model is a few microseconds of
 * work, and OpenMP's fork, join and spinning across many cores costs more than the work. Measured on a
 * 16-core machine with the DLG LeNet (85 k parameters, 32 x 32, batch 1): 16 threads ran 39 iterations
 * in 38.8 s, one thread all 300 in 27.7 s; IG on ResNet-20 (0.27 M) ran 30 iterations in 19.4 s with 16
 * threads, 40 in 3.1 s with one. Large convolutions do gain from threads, up to a point: IG on the CIFAR
 * ResNet-18 (11.2 M, batch 1, 10 iterations) took 10.7 s with 1 thread, 5.8 s with 2, 4.5 s with 4 and
 * 7.4 s with 16 on that machine (an H200 host, Intel Xeon, 16 cores). The rule is a
 * deterministic function of the model and the machine (never a timing), so that a run repeats bit for bit
 * on the same machine: threads grow with the work of one forward, estimated as parameters x batch x
 * pixels / 1024, one thread per {@link #WORK_PER_THREAD} of it, at most the number of cores.
 *
 * <p>{@code -Dgia.threads=N} (or DJL's own {@code -Dai.djl.pytorch.num_threads=N}) overrides the rule.
 */
public final class ThreadPolicy {

    /** Estimated work (parameters x batch x pixels / 1024) that one more thread must have to be worth it. */
    static final double WORK_PER_THREAD = 2.5e6;

    /** What a run uses and why, e.g. "1 thread (rule: small model)". */
    public record Choice(int threads, String reason) {
        public String describe() {
            return threads + (threads == 1 ? " thread" : " threads") + " (" + reason + ")";
        }
    }

    private ThreadPolicy() {
    }

    /** The rule alone (for tests and the documentation table). */
    static int byRule(long parameters, long batch, long pixels, int cores) {
        double work = (double) parameters * batch * pixels / 1024.0;
        long threads = (long) Math.floor(work / WORK_PER_THREAD);
        return (int) Math.max(1, Math.min(cores, threads));
    }

    /** The choice for a model of {@code parameters} on {@code device} with batches of {@code batch} images of {@code pixels}. */
    public static Choice choose(Device device, long parameters, long batch, long pixels) {
        Integer override = override();
        if (override != null) {
            return new Choice(override, "set with -Dgia.threads or -Dai.djl.pytorch.num_threads");
        }
        int cores = cores();
        if (device.isGpu()) {
            // The GPU does the work; a few host threads for the occasional host-side operator.
            return new Choice(Math.min(cores, 4), "GPU run");
        }
        int threads = byRule(parameters, batch, pixels, cores);
        return new Choice(threads, String.format(Locale.ROOT, "rule: %.1f M parameters, batch %d, %d px, %d core%s",
                parameters / 1e6, batch, pixels, cores, cores == 1 ? "" : "s"));
    }

    private static volatile Choice applied;

    /**
     * For work that is not an attack run (training, gradient similarity, client checks, benchmarks): every
     * core the process may use, so that such a job does not inherit whatever the last run's model chose.
     */
    public static Choice forOtherWork(Device device) {
        Integer override = override();
        if (override != null) {
            return new Choice(override, "set with -Dgia.threads or -Dai.djl.pytorch.num_threads");
        }
        return device.isGpu() ? new Choice(Math.min(cores(), 4), "GPU run") : new Choice(cores(), "all cores");
    }

    /**
     * The cores runs may use: the machine's, or fewer with {@code -Dgia.threads.cap=N} (the window leaves
     * one core to the FX and render threads this way).
     */
    static int cores() {
        int cores = Runtime.getRuntime().availableProcessors();
        Integer cap = Integer.getInteger("gia.threads.cap");
        return cap == null || cap < 1 ? cores : Math.min(cores, cap);
    }

    /** Applies {@code choice} to the engine (compute thread; intra-op threads are process-wide in libtorch). */
    public static void apply(Choice choice) {
        if (JniUtils.getNumThreads() != choice.threads()) {
            JniUtils.setNumThreads(choice.threads());
        }
        applied = choice;
    }

    /** The rule in one line, for {@code ./gia doctor}. */
    public static String summary() {
        Integer o = override();
        if (o != null) {
            return o + " (set with -Dgia.threads or -Dai.djl.pytorch.num_threads)";
        }
        return String.format(Locale.ROOT, "rule: 1 per %.1f M of parameters x batch x pixels/1024, at most %d (cores%s); GPU runs: %d",
                WORK_PER_THREAD / 1e6, cores(), cores() < Runtime.getRuntime().availableProcessors() ? ", one left to the window" : "",
                Math.min(cores(), 4));
    }

    /** The last choice applied in this process, or null before the first run. */
    public static Choice applied() {
        return applied;
    }

    private static Integer override() {
        for (String key : new String[] {"gia.threads", "ai.djl.pytorch.num_threads"}) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank()) {
                try {
                    int n = Integer.parseInt(v.trim());
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // Not a number: fall through to the rule, as DJL itself ignores it.
                }
            }
        }
        return null;
    }
}
