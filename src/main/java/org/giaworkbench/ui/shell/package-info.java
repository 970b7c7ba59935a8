/**
 * The window's frame, composition root and cross-pane view model (WorkbenchModel). FX thread.
 */
package org.giaworkbench.ui.shell;
