/**
 * The sweep dialog: a base spec, factors to vary and seeds make a grid of cells, run one after the
 * other (cells already finished in the store are skipped), summarised as a table and a trend chart.
 */
package org.giaworkbench.ui.sweep;
