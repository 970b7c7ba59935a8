/**
 * The NDArray-facing plugin interfaces: attacks, their context, the server's view, gradients. Compute thread only.
 */
package org.giaworkbench.plugin.spi;
