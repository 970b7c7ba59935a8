package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import org.giaworkbench.core.GiaException;
import org.giaworkbench.nd.CpuKernels;
import org.giaworkbench.nd.CudaPrecision;

/**
 * Starts the PyTorch engine with nothing allowed to download, and picks the device.
 * Call {@link #start()} before any other DJL use (the first call wins).
 */
public final class EngineBootstrap {

    /** The engine once started: its name and version, and the device runs use by default. */
    public record EngineInfo(String engine, String engineVersion, String djlVersion, Device defaultDevice,
                             String deviceDescription) {
        /** Whether runs go to a GPU by default (for callers that must not see DJL types). */
        public boolean onGpu() {
            return defaultDevice.isGpu();
        }
    }

    private static volatile EngineInfo info;

    private EngineBootstrap() {
    }

    /** Offline flags as system properties: DJL reads them when it first looks for the native library. */
    public static void offlineFlags() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // TorchScript's profiling executor stalls the first calls of the helper for no gain here.
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    }

    public static synchronized EngineInfo start() {
        if (info != null) {
            return info;
        }
        offlineFlags();
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new GiaException(GiaException.Kind.ENGINE, "the PyTorch engine did not start: " + e.getMessage(),
                    "the native libtorch comes from the pytorch-native-cpu jar; rebuild with `mvn -B package -DskipTests`"
                            + " and check that DJL_CACHE_DIR (default ~/.djl.ai) is writable", e);
        }
        // Before any array exists: the CPU convolution kernels that give the same result on every machine.
        CpuKernels.configure();
        // And on a GPU: float32 convolutions, so that results compare across runs, devices and stacking.
        CudaPrecision.configure();
        Device device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        info = new EngineInfo(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(), device, describe(device));
        return info;
    }

    /** The device for a run: {@code auto} (CUDA when present), {@code cpu} or {@code cuda}. */
    public static Device resolve(String choice) {
        EngineInfo e = start();
        return switch (choice == null ? "auto" : choice) {
            case "auto" -> e.defaultDevice();
            case "cpu" -> Device.cpu();
            case "cuda", "gpu" -> {
                if (!e.defaultDevice().isGpu()) {
                    throw GiaException.badInput("run.device=cuda but no CUDA GPU is usable",
                            "use run.device=auto or cpu, or build with -Pcuda on a machine with an NVIDIA driver");
                }
                yield Device.gpu();
            }
            default -> throw GiaException.badInput("run.device must be auto, cpu or cuda, got '" + choice + "'", "");
        };
    }

    public static String describe(Device device) {
        if (!device.isGpu()) {
            ThreadPolicy.Choice threads = ThreadPolicy.applied();
            return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores"
                    + (threads == null ? "" : ", " + threads.describe()) + ")";
        }
        try {
            return "CUDA GPU " + device.getDeviceId() + " (compute capability "
                    + CudaUtils.getComputeCapability(device.getDeviceId()) + ")";
        } catch (RuntimeException e) {
            return "CUDA GPU " + device.getDeviceId();
        }
    }
}
