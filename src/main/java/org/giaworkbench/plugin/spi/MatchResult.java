package org.giaworkbench.plugin.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One gradient-matching evaluation: the objective (distance + extra), the distance alone, and the
 * gradient of the objective with respect to each variable. All arrays are detached and belong to the
 * manager passed to the call.
 */
public record MatchResult(NDArray total, NDArray distance, List<NDArray> variableGradients) {
}
