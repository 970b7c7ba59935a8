package org.giaworkbench.core.result;

/** How a run ended. */
public enum RunStatus { FINISHED, CANCELLED, DIVERGED, FAILED }
