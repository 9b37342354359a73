/**
 * Reference profiles: per model version, what normal traffic looks like (feature samples and
 * their quantile bins, predicted-class counts, confidence and its calibration), built from
 * uploaded rows (a CSV of training data) or frozen from the first samples seen.
 */
package dev.convoy.monitor.reference;
