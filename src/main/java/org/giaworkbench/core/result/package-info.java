/**
 * Run results as host values (images as float arrays, metrics, series). Immutable; any thread; no DJL.
 */
package org.giaworkbench.core.result;
