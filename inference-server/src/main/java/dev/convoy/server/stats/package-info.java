/** Cumulative per-version inference statistics, as ModelStatistics reports them. */
package dev.convoy.server.stats;
