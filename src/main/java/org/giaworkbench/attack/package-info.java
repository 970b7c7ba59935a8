/**
 * Shared parts of the attacks: the gradient-matching objective, priors, label inference, random starts. Compute thread only; depends on core, plugin, model, fl and DJL, never on data, metric or compute (attacks cannot reach ground truth).
 */
package org.giaworkbench.attack;
