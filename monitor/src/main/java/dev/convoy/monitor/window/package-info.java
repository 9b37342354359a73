/**
 * Windows of samples per model version (tumbling, by arrival time or by sample count, on an
 * injected clock) and the analysis of a closed window against its reference.
 */
package dev.convoy.monitor.window;
