/**
 * The attack pane: attack choice, PropertySheet generated from the parameter schema, inline validation, threat model. FX thread.
 */
package org.giaworkbench.ui.attack;
