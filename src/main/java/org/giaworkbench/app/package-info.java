/**
 * Entry point: command-line arguments go to the CLI; none open the desktop window. Any thread; depends on cli and ui.shell.
 */
package org.giaworkbench.app;
