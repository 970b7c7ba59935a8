/**
 * JavaFX plumbing: the coalescing event bridge, icons, message bundle, FXML loading, image conversion. The bridge is called on the compute thread; the rest on the FX thread.
 */
package org.giaworkbench.ui.fx;
