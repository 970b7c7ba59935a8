/**
 * Analytics-based attacks with a malicious server (ANA-GIA): the server changes the model it ships
 * ({@link org.giaworkbench.plugin.spi.Attack#ship}) so that the client's gradient gives its data away:
 * Robbing the Fed (an inserted imprint module, closed-form recovery) and Fishing (a rewritten last layer
 * that isolates one image's gradient, then Inverting Gradients).
 */
package org.giaworkbench.attack.ana;
