/** The gradient similarity window (the survey's Table II and Fig. 4), fed by ComputeService.gradientSimilarity. */
package org.giaworkbench.ui.gradsim;
