package org.giaworkbench.nd;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Whether cuDNN convolutions on a GPU may use TF32 (10-bit mantissa) instead of full float32.
 *
 * <p>libtorch allows it by default on Ampere and later GPUs. The workbench turns it off: a gradient
 * inversion attack differentiates twice through every convolution, and with TF32 two mathematically
 * equal graphs (a trial alone, and the same trial stacked with others) already differ by 1e-3 relative
 * at the first evaluation (measured on an H200: up to 4.1e-3 over 16 trials), so results stop being
 * comparable between runs, machines and the CPU. {@code -Dgia.tf32=on} leaves libtorch's default (to
 * measure the speed it buys). Matrix products are float32 in libtorch unless asked otherwise, so only
 * cuDNN's switch is touched. Called through JNA as {@link CpuKernels} does; never throws.
 */
public final class CudaPrecision {

    private static final String CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_TF32_CUDNN = "_ZN2at7Context17setAllowTF32CuDNNEb";
    private static final String GET_TF32_CUDNN = "_ZNK2at7Context14allowTF32CuDNNEv";

    private static volatile String state = "not configured";

    private CudaPrecision() {
    }

    /** Applies {@code -Dgia.tf32} (default off) to the libtorch this process loaded; returns a line for logs. */
    public static synchronized String configure() {
        boolean on = "on".equals(System.getProperty("gia.tf32", "off"));
        try {
            NativeLibrary lib = CpuKernels.torchCpu();
            Pointer context = (Pointer) lib.getFunction(CONTEXT).invoke(Pointer.class, new Object[0]);
            lib.getFunction(SET_TF32_CUDNN).invoke(Void.class, new Object[] {context, on});
            String now;
            try {
                int v = (Integer) lib.getFunction(GET_TF32_CUDNN).invoke(Integer.class, new Object[] {context});
                now = (v & 0xff) != 0 ? "on" : "off";
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                now = "set " + (on ? "on" : "off") + ", not read back";
            }
            state = "cuDNN TF32 " + now + (on ? " (-Dgia.tf32=on)" : " (float32 convolutions)");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            state = "cuDNN TF32 left as libtorch starts (" + e.getMessage() + ")";
        }
        return state;
    }

    /** What {@link #configure()} did. */
    public static String state() {
        return state;
    }
}
