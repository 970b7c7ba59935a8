package org.giaworkbench.compute;

import org.giaworkbench.core.result.RunInfo;
import org.giaworkbench.plugin.spi.GradientOracle;

/** What the compute thread holds for all runs: the gradient helper and the engine description. */
interface ComputeContext {

    GradientOracle oracle();

    RunInfo info(long parameterCount);
}
