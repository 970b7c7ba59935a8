/**
 * The compute service (the one thread that owns DJL), engine start-up, the run pipeline and session, the catalog of choices. Depends on every layer below it; nothing but cli and app depend on it.
 */
package org.giaworkbench.compute;
