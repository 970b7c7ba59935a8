package org.giaworkbench.nd;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Draws from libtorch's own CPU generator, the one {@code torch.manual_seed} seeds, with the calls
 * PyTorch's {@code torch.nn.init} makes ({@code uniform_}, {@code normal_}, {@code erfinv_}): the same
 * seed and the same sequence of draws give the values PyTorch gives. The bounds are passed as doubles,
 * as Python passes them, so that the kernels round them exactly as PyTorch does.
 *
 * <p>The generator is process-wide: only the compute thread, which owns the engine, may draw.
 */
public final class TorchRandom {

    private TorchRandom() {
    }

    /** {@code torch.manual_seed(seed)}: reseeds the CPU generator (and the CUDA ones, where present). */
    public static void seed(long seed) {
        JniUtils.setSeed(seed);
    }

    /** {@code torch.empty(shape).uniform_(from, to)} on the CPU. */
    public static NDArray uniform(NDManager manager, double from, double to, Shape shape, DataType type) {
        return JniUtils.uniform(cpu(manager), from, to, shape, type, Device.cpu());
    }

    /** {@code torch.empty(shape).normal_(mean, std)} on the CPU. */
    public static NDArray normal(NDManager manager, double mean, double std, Shape shape, DataType type) {
        return JniUtils.normal(cpu(manager), mean, std, shape, type, Device.cpu());
    }

    /**
     * {@code torch.nn.init.trunc_normal_(t, mean, std, a, b)}: uniform in the truncated range of the
     * standard normal's CDF, through the inverse error function, scaled, shifted and clamped.
     */
    public static NDArray truncatedNormal(NDManager manager, double mean, double std, double a, double b, Shape shape,
                                          DataType type) {
        double low = normalCdf((a - mean) / std);
        double high = normalCdf((b - mean) / std);
        // Scalars as owned 0-dim tensors of the same type (rounded to it, as PyTorch rounds a Python float
        // for a float tensor), never DJL's Number overloads, which alias Java memory (see DjlPitfallsTest).
        try (NDArray u = uniform(manager, 2 * low - 1, 2 * high - 1, shape, type);
             NDArray e = JniUtils.erfinv((PtNDArray) u);
             NDArray factor = OwnedArrays.scalar(manager, std * Math.sqrt(2.0), type);
             NDArray offset = OwnedArrays.scalar(manager, mean, type);
             NDArray lowest = OwnedArrays.scalar(manager, a, type);
             NDArray highest = OwnedArrays.scalar(manager, b, type);
             NDArray scaled = e.mul(factor);
             NDArray shifted = scaled.add(offset);
             NDArray floored = shifted.maximum(lowest)) {
            return floored.minimum(highest);
        }
    }

    /** {@code (1 + erf(x / sqrt(2))) / 2}, as PyTorch's Python computes it (math.erf). */
    static double normalCdf(double x) {
        return (1.0 + erf(x / Math.sqrt(2.0))) / 2.0;
    }

    /**
     * The error function. Only the truncation bounds use it, and there only its value at the far tails
     * matters (+-1 to double precision beyond |x| > 6); elsewhere Abramowitz-Stegun 7.1.26 (error < 1.5e-7).
     */
    static double erf(double x) {
        if (Math.abs(x) > 6) {
            return Math.signum(x);
        }
        double t = 1.0 / (1.0 + 0.3275911 * Math.abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return Math.signum(x) * (1 - poly * Math.exp(-x * x));
    }

    private static PtNDManager cpu(NDManager manager) {
        if (!(manager instanceof PtNDManager pt)) {
            throw new IllegalArgumentException("libtorch's generator needs a PyTorch manager, got " + manager.getClass());
        }
        return pt;
    }
}
