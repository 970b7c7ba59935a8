/**
 * Optimisers for gradient inversion: L-BFGS (with optional strong-Wolfe line search), Adam,
 * a multi-step learning-rate schedule and signed gradients.
 *
 * <p>Pure Java on host arrays; any single thread; no DJL. The optimisation variables are a flat
 * {@code float[]} and the objective (loss plus gradient) is computed by the caller, typically by a
 * native engine. Instances are not thread-safe but may be driven from any one thread at a time.
 */
package org.giaworkbench.attack.optim;
