/**
 * Benchmarks against the PyTorch reference (a command, not tests). Compute thread for the Java side.
 */
package org.giaworkbench.compute.bench;
