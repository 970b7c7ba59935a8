/**
 * Optimization-based attacks (OP-GIA): DLG, iDLG, Inverting Gradients, as ServiceLoader plugins. Compute thread only.
 */
package org.giaworkbench.attack.op;
