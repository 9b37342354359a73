/**
 * The monitor's core: one writer thread that stores samples and labels, places samples in
 * windows, analyses closed windows against references, and runs the alert rules.
 */
package dev.convoy.monitor.engine;
