/**
 * The model pane: architecture, activation, weights, parameter count (counted on the compute thread). FX thread.
 */
package org.giaworkbench.ui.model;
