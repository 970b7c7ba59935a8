/** The gradient similarity study (the survey's Table II and Fig. 4): what to measure and what came out. */
package org.giaworkbench.core.gradsim;
