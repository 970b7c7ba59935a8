package org.giaworkbench.sweep;

import java.util.Map;
import org.giaworkbench.core.spec.ExperimentSpec;

/**
 * One run of a sweep.
 *
 * @param key     stable identity within the sweep: the factor values and the seed index,
 *                e.g. {@code data.batch=4|seed=1}
 * @param factors factor key -> value, in the sweep's order
 * @param seed    seed index (0-based); added to the base's {@code run.seed} and {@code data.seed}
 * @param group   the key without the seed: cells of one group are averaged
 */
public record SweepCell(String key, Map<String, String> factors, int seed, String group, ExperimentSpec spec) {
}
