package org.giaworkbench.store;

/**
 * What a run is part of, recorded with it: a sweep and its cell, or nothing.
 *
 * @param sweepId null for a single run
 * @param cellKey the cell's factor values and seed index, e.g. {@code data.batch=4|seed=1}
 */
public record RunTags(String sweepId, String cellKey) {

    public static final RunTags NONE = new RunTags(null, null);
}
