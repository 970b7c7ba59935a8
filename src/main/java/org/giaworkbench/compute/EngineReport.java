package org.giaworkbench.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.giaworkbench.attack.op.Stacking;
import org.giaworkbench.nd.CpuKernels;

/**
 * What the engine runs on, for {@code ./gia doctor} and bug reports: the libtorch that was loaded (path,
 * version, flavour), CUDA and cuDNN, every GPU with its memory, CPU kernels, threads, stacking. Starts
 * the engine; call on the compute thread or before any run.
 */
public final class EngineReport {

    private EngineReport() {
    }

    /** Facts as label -> value, in a stable order. */
    public static Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        f.put("app", ComputeService.appVersion());
        f.put("cpu cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        EngineBootstrap.EngineInfo info = EngineBootstrap.start();
        f.put("engine", info.engine() + " " + info.engineVersion() + ", DJL " + info.djlVersion());
        List<String> libs = loadedLibraries();
        f.put("libtorch", libs.stream().filter(l -> l.endsWith("/libtorch_cpu.so")).findFirst()
                .map(l -> Path.of(l).getParent().toString()).orElse("(not found in the process's mappings)"));
        f.put("libtorch source", System.getenv("PYTORCH_LIBRARY_PATH") != null
                ? "PYTORCH_LIBRARY_PATH=" + System.getenv("PYTORCH_LIBRARY_PATH") + " (version " + System.getenv("PYTORCH_VERSION")
                        + ", flavour " + System.getenv("PYTORCH_FLAVOR") + ")"
                : "DJL's own (pytorch-native jar from Maven Central, cached in " + djlCache() + ")");
        f.put("JNI", libs.stream().filter(l -> l.contains("djl_torch")).findFirst().orElse("(not found)"));
        boolean cudaTorch = libs.stream().anyMatch(l -> l.endsWith("/libtorch_cuda.so"));
        f.put("libtorch flavour", cudaTorch ? "CUDA (libtorch_cuda.so loaded)" : "CPU only");
        f.put("cuDNN", libs.stream().filter(l -> Path.of(l).getFileName().toString().startsWith("libcudnn.so"))
                .findFirst().map(l -> Path.of(l).getFileName().toString()).orElse(cudaTorch ? "(not loaded yet)" : "-"));
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        String cuda;
        try {
            cuda = CudaUtils.hasCuda() ? "runtime " + CudaUtils.getCudaVersionString() : "no CUDA runtime found";
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            cuda = "no CUDA runtime (" + e.getMessage() + ")";
        }
        f.put("CUDA", cuda);
        f.put("GPUs", gpus == 0 ? "none usable (runs use the CPU)" : String.valueOf(gpus));
        for (int i = 0; i < gpus; i++) {
            f.put("GPU " + i, EngineBootstrap.describe(Device.gpu(i)) + ", " + gpuMemory(Device.gpu(i)));
        }
        f.put("default device", info.deviceDescription());
        f.put("CPU kernels", CpuKernels.state());
        f.put("GPU precision", org.giaworkbench.nd.CudaPrecision.state());
        f.put("intra-op threads", JniUtils.getNumThreads() + " now; per run: " + ThreadPolicy.summary());
        f.put("inter-op threads", String.valueOf(JniUtils.getNumInteropThreads()));
        f.put("stacked trials", "gia.stack=" + Stacking.mode() + " (auto: on a GPU), at most " + Stacking.maxTrials() + " at once");
        f.put("offline", "ai.djl.offline=" + System.getProperty("ai.djl.offline") + ", DJL_OFFLINE=" + System.getenv("DJL_OFFLINE"));
        return f;
    }

    /** {@code used / total GiB in use} on {@code device} (the whole device, all processes), or why not. */
    public static String gpuMemory(Device device) {
        try {
            MemoryUsage m = CudaUtils.getGpuMemory(device);
            return String.format(Locale.ROOT, "%.1f / %.1f GiB in use", m.getUsed() / 1073741824.0, m.getMax() / 1073741824.0);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "memory unknown (" + e.getMessage() + ")";
        }
    }

    private static String djlCache() {
        String dir = System.getenv("DJL_CACHE_DIR");
        return dir != null ? dir : System.getProperty("user.home") + "/.djl.ai";
    }

    /** Shared libraries mapped into this process (Linux; empty elsewhere). */
    private static List<String> loadedLibraries() {
        TreeSet<String> out = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                if (at >= 0 && line.contains(".so")) {
                    out.add(line.substring(at));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the report says "not found" for these lines.
        }
        return new ArrayList<>(out);
    }
}
