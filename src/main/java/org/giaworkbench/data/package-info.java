/**
 * Image datasets (CIFAR binary files, image folders, the bundled CIFAR-10 sample), normalisation
 * constants and the batch builder that picks attack batches with a controlled label mix.
 *
 * <p>Pure Java, any thread; depends only on core.
 */
package org.giaworkbench.data;
