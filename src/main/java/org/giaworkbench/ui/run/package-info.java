/**
 * The run and gallery pane: per-run records fed by run events, decimated chart series, the pair detail view. FX thread.
 */
package org.giaworkbench.ui.run;
