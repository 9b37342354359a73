package dev.convoy.loadtest.sweep;

/**
 * One measurement window at one level.
 *
 * @param endNanos when the window ended, from the sweep's start
 * @param throughput successful calls per second
 * @param averageNanos mean latency of successful calls
 */
public record Window(long endNanos, double throughput, long averageNanos, long p50Nanos,
    long p90Nanos, long p95Nanos, long p99Nanos, long count) {}
