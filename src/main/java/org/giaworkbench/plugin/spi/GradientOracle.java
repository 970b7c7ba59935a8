package org.giaworkbench.plugin.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Gradients, including gradients of gradients, without touching any array's {@code .grad}: what
 * attacks and the client simulation use. Implemented by the compute layer; compute thread only.
 */
public interface GradientOracle {

    /**
     * Gradients of the sum of {@code outputs} with respect to {@code inputs} (zeros where unused), in
     * {@code into}. With {@code createGraph} the results can be differentiated again.
     */
    List<NDArray> grad(List<NDArray> outputs, List<NDArray> inputs, boolean createGraph, NDManager into);

    /**
     * One gradient-matching evaluation: differentiates {@code loss} with respect to {@code params}
     * (keeping the graph), measures {@code distance} to {@code targets}, adds {@code extra} (regularisers
     * on the variables; a zero scalar if none) and differentiates the total with respect to
     * {@code variables}.
     */
    MatchResult match(NDArray loss, List<NDArray> params, List<NDArray> targets, List<NDArray> variables,
                      NDArray extra, Distance distance, NDManager into);
}
