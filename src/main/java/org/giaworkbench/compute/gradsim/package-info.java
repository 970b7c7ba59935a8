/** Gradient similarity between single images and batches, and across model states (Table II, Fig. 4). */
package org.giaworkbench.compute.gradsim;
