/**
 * The one place that takes second-order gradients (a TorchScript autograd.grad helper called with autograd on). Compute thread only.
 */
package org.giaworkbench.compute.autograd;
