/**
 * Entry point: command-line arguments go to the CLI; none start the default experience. Any thread; depends on cli.
 */
package org.giaworkbench.app;
