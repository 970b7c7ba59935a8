/**
 * This session's runs; selecting one reopens it in the run pane. FX thread.
 */
package org.giaworkbench.ui.history;
