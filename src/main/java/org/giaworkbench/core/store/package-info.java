/**
 * Writing a run's files (summary, series, picture). Any thread except the FX thread; no DJL.
 */
package org.giaworkbench.core.store;
