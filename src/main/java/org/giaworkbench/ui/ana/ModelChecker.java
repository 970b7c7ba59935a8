package org.giaworkbench.ui.ana;

import org.giaworkbench.core.result.CheckReport;
import org.giaworkbench.core.spec.ExperimentSpec;

/** The client-side check of the model a spec's server ships; blocks (the panes call it on a worker). */
@FunctionalInterface
public interface ModelChecker {
    CheckReport check(ExperimentSpec spec) throws Exception;
}
