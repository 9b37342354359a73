/**
 * The monitor's embedded database (H2 over JDBC): samples with their joined labels,
 * references, window reports and alert events. Writes commit before they are acknowledged.
 */
package dev.convoy.monitor.store;
