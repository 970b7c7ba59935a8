/**
 * The desktop window (JavaFX). The only package that imports javafx, ControlsFX and Ikonli;
 * it depends on core, plugin, compute (ComputeService and Catalog) and data (batch previews), never on
 * DJL. View models are touched on the FX thread only (or the test thread when no toolkit runs);
 * anything slow goes through an executor and comes back through the UI executor.
 */
package org.giaworkbench.ui;
