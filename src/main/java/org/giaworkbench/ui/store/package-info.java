/** The window's access to the experiment store: one background thread for all its JDBC work. */
package org.giaworkbench.ui.store;
