/**
 * Commands that drive the real window without a person: the pulse and slow-down benchmark
 * ({@code ./gia bench-ui}) and the screenshot maker ({@code ./gia shots}). Their own main thread waits;
 * the FX thread never does.
 */
package org.giaworkbench.ui.bench;
