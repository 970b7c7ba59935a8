/**
 * The malicious-server attacks' views: Robbing the Fed's bins, Fishing's target in the batch, and the
 * client-side check of the model the server would ship. Installed into the run and attack panes.
 */
package org.giaworkbench.ui.ana;
