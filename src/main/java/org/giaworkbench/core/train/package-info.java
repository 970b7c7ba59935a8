/**
 * Training state as values: what to train ({@link org.giaworkbench.core.train.TrainingSpec}), its events,
 * outcome and the checkpoint folder layout. Immutable; any thread; no DJL.
 */
package org.giaworkbench.core.train;
