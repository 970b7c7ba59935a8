/**
 * Model architectures as DJL blocks, activations, weights (seeded, bundled, from file) and the training loss. Compute thread only; depends on core and DJL.
 */
package org.giaworkbench.model;
