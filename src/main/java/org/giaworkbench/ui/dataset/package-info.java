/**
 * The dataset pane: view model (batch preview read off the FX thread) and controller. FX thread.
 */
package org.giaworkbench.ui.dataset;
