package org.giaworkbench.nd;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which CPU convolution kernels libtorch may use: its own ATen kernels, not oneDNN's.
 *
 * <p>Why: on an AMD Zen 5 CPU (EPYC family 26, AVX-512) the oneDNN 3.x kernels in libtorch 2.5.1
 * (jit/brgemm convolution forward, backward-data and the deconvolution that the second-order gradient
 * runs) return NaN or wrong values now and then for the same inputs in the same process: measured on
 * the DLG LeNet, one gradient-matching evaluation repeated 1,000 times gave NaN in 3 (AVX-512), 946
 * (oneDNN capped at AVX2) and 0 (capped at SSE4.1, or oneDNN off) of them. The values depend on what
 * the memory held before, so any flag, heap size or environment variable changed the outcome. ATen's
 * kernels gave the same bits every time. libtorch's switch is {@code at::globalContext()
 * .setUserEnabledMkldnn(false)}, a C++ method that DJL does not expose, so it is called here through JNA
 * on the libtorch that DJL loaded. {@code -Dgia.onednn=on} leaves oneDNN on (to measure it).
 */
public final class CpuKernels {

    private static final String CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String GET_MKLDNN = "_ZNK2at7Context17userEnabledMkldnnEv";

    private static volatile String state = "not configured";

    private CpuKernels() {
    }

    /**
     * Turns oneDNN off in the libtorch this process loaded (call after the engine started). Returns a
     * one-line description for logs and {@code ./gia doctor}; never throws (a libtorch without the symbol
     * keeps its defaults, and the line says so).
     */
    public static synchronized String configure() {
        if (!"on".equals(System.getProperty("gia.onednn", "off"))) {
            state = setOneDnn(false);
        } else {
            state = "oneDNN left on (-Dgia.onednn=on)";
        }
        return state;
    }

    /** What {@link #configure()} did. */
    public static String state() {
        return state;
    }

    /** Whether libtorch will use oneDNN for CPU convolutions now; empty when that cannot be read. */
    public static Optional<Boolean> oneDnnEnabled() {
        try {
            NativeLibrary lib = torchCpu();
            Pointer context = (Pointer) lib.getFunction(CONTEXT).invoke(Pointer.class, new Object[0]);
            int enabled = (Integer) lib.getFunction(GET_MKLDNN).invoke(Integer.class, new Object[] {context});
            return Optional.of((enabled & 0xff) != 0);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    private static String setOneDnn(boolean on) {
        try {
            NativeLibrary lib = torchCpu();
            Pointer context = (Pointer) lib.getFunction(CONTEXT).invoke(Pointer.class, new Object[0]);
            Function set = lib.getFunction(SET_MKLDNN);
            set.invoke(Void.class, new Object[] {context, on});
            return oneDnnEnabled().map(e -> e == on ? "oneDNN " + (on ? "on" : "off") + " (ATen CPU kernels)"
                    : "oneDNN could not be switched " + (on ? "on" : "off")).orElse("oneDNN state unknown");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "oneDNN left as libtorch starts (" + e.getMessage() + ")";
        }
    }

    /** The libtorch_cpu that DJL loaded (from the process's mappings), so JNA binds to the same copy. */
    static NativeLibrary torchCpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                if (at >= 0 && line.endsWith("/libtorch_cpu.so")) {
                    return NativeLibrary.getInstance(line.substring(at));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or no procfs: fall back to the loader's search by name.
        }
        return NativeLibrary.getInstance("torch_cpu");
    }
}
