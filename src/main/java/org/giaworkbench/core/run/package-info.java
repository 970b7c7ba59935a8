/**
 * Run events, sinks, cancellation and handles: what crosses from the compute thread to the GUI and CLI. Immutable; any thread; no DJL.
 */
package org.giaworkbench.core.run;
