/**
 * Drift statistics between a reference sample and a window: PSI, KL and Jensen–Shannon on
 * bins fixed from the reference's quantiles, two-sample Kolmogorov–Smirnov, Wasserstein-1,
 * chi-square homogeneity for categories, and multiple-testing corrections. Pure functions on
 * arrays; no I/O, no clocks.
 */
package dev.convoy.monitor.drift;
