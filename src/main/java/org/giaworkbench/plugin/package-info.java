/**
 * Plugin descriptors, typed parameter schemas and the registry. Any thread; no DJL (the UI builds forms from these).
 */
package org.giaworkbench.plugin;
