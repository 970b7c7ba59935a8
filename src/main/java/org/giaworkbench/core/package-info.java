/**
 * Errors a user can act on. Pure Java, any thread, no DJL and no JavaFX.
 */
package org.giaworkbench.core;
