/**
 * Training a built-in model (the "training state" of the attacked model): our own SGD/Adam loop over
 * {@code GiaModel}'s trainable arrays, a held-out split, checkpoints per epoch. Compute thread only;
 * depends on core, data, model, plugin.spi (the gradient oracle) and DJL.
 */
package org.giaworkbench.train;
