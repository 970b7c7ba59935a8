/**
 * Sweeps: a base spec, factors to vary and seeds make a grid of cells; each cell is one stored run
 * tagged with the sweep and cell, so a sweep resumes where it stopped. Results as tables (CSV) and
 * trend charts drawn headless with Java2D. No DJL and no JavaFX (runs go through the compute facade).
 */
package org.giaworkbench.sweep;
