/**
 * Experiment specs, their JSON form, overrides and presets. Immutable; any thread; no DJL.
 */
package org.giaworkbench.core.spec;
