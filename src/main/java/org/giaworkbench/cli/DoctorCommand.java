package org.giaworkbench.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.giaworkbench.compute.ComputeService;
import org.giaworkbench.compute.EngineReport;
import picocli.CommandLine.Command;

/** {@code gia doctor}: what the engine runs on (libtorch, CUDA, GPUs and their memory, kernels, threads). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Starts the engine and prints what it runs on: the libtorch loaded (path, version, flavour),",
                "CUDA and cuDNN, each GPU with its memory in use, CPU kernels, thread counts and stacking."})
final class DoctorCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Map<String, String> facts;
        try (ComputeService compute = new ComputeService()) {
            facts = compute.onComputeThread("cpu", (base, oracle) -> EngineReport.facts());
        }
        facts.forEach((k, v) -> System.out.printf("%-18s %s%n", k, v));
        return GiaCli.OK;
    }
}
