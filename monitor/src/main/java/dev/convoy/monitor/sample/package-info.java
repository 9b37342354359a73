/** The monitor's core values: a sampled prediction and the model version it belongs to. */
package dev.convoy.monitor.sample;
