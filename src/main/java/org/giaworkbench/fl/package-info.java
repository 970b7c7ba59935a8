/**
 * Federated-learning client simulation (FedSGD) and the threat model. Compute thread only; depends on core, model, plugin.spi and DJL.
 */
package org.giaworkbench.fl;
