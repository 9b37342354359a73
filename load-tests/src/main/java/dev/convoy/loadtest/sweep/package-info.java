/**
 * perf_analyzer's sweep: a series of concurrency levels or request rates, each measured in
 * windows until three in a row agree within the stability percentage, with the server's queue
 * and compute times from ModelStatistics, stopped when p99 latency crosses a threshold; written
 * as perf_analyzer's CSV and an HTML report.
 */
package dev.convoy.loadtest.sweep;
