/**
 * The picocli command line (run, list, bench). Main thread; depends on core, plugin and compute, never on DJL types.
 */
package org.giaworkbench.cli;
