/**
 * The experiment store: every run in an embedded SQLite database (WAL, versioned schema), written while
 * the run goes ({@link org.giaworkbench.store.RunRecorder}) and read by the history, exports and sweeps.
 * Pure Java over core: no DJL, no JavaFX; safe to read from another process while one writes.
 */
package org.giaworkbench.store;
