package dev.convoy.loadtest.bench;

import dev.convoy.loadtest.engine.LoadResult;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a row measured. Throughput counts successful calls only; latencies (nanoseconds) are
 * HdrHistogram percentiles of successful calls, as in the load tester's reports.
 *
 * @param rowsPerRequest rows each call carried (the in-process batch size, or 1 for the
 *     served rows' batch-1 requests)
 * @param requests successful calls in the measured phase
 * @param errors failed calls in the measured phase
 * @param seconds length of the measured phase
 * @param firstError the most frequent error text, empty when none failed
 * @param batch what the server executed, or null for an in-process row
 * @param heapBytes the server's heap in use after a full GC at the end of the row, or
 *     {@link #NO_HEAP} when not measured
 *     <p>Latencies are {@link #NO_LATENCY} when the load tool reports no percentiles (h2load).
 */
public record Measurement(
    int rowsPerRequest,
    long requests,
    long errors,
    double seconds,
    long p50Nanos,
    long p90Nanos,
    long p99Nanos,
    long p999Nanos,
    String firstError,
    BatchObservation batch,
    long heapBytes) {

  /** A heap that was not measured. */
  public static final long NO_HEAP = -1;

  /** A latency the load tool did not report. */
  public static final long NO_LATENCY = -1;

  /** Counts from a tool that reports no percentiles: batch-1 requests, no batch observed. */
  public static Measurement countsOnly(long ok, long failed, double seconds, String error) {
    return new Measurement(1, ok, failed, seconds, NO_LATENCY, NO_LATENCY, NO_LATENCY,
        NO_LATENCY, error, null, NO_HEAP);
  }

  /** The same, with the server's heap after GC. */
  public Measurement withHeap(long bytes) {
    return new Measurement(rowsPerRequest, requests, errors, seconds, p50Nanos, p90Nanos,
        p99Nanos, p999Nanos, firstError, batch, bytes);
  }

  /** Whether the latencies were measured. */
  public boolean hasLatencies() {
    return p50Nanos != NO_LATENCY;
  }

  /** Summarises a load run whose calls each carried {@code rowsPerRequest} rows. */
  public static Measurement of(LoadResult result, int rowsPerRequest, BatchObservation batch) {
    String error = mostFrequent(result.errorCounts());
    return new Measurement(
        rowsPerRequest,
        result.okCount(),
        result.errorCount(),
        result.totalNanos() / 1e9,
        result.latencyAtPercentile(50),
        result.latencyAtPercentile(90),
        result.latencyAtPercentile(99),
        result.latencyAtPercentile(99.9),
        error,
        batch,
        NO_HEAP);
  }

  /**
   * Summarises several load runs of the same calls as one: their measured phases back to back,
   * their latency histograms added.
   */
  public static Measurement ofSlices(
      List<LoadResult> slices, int rowsPerRequest, BatchObservation batch) {
    if (slices.isEmpty()) {
      throw new IllegalArgumentException("no slices");
    }
    Histogram latency = slices.get(0).latency().copy();
    Map<String, Long> errors = new HashMap<>();
    long ok = 0;
    long failed = 0;
    long nanos = 0;
    for (int i = 0; i < slices.size(); i++) {
      LoadResult slice = slices.get(i);
      if (i > 0) {
        latency.add(slice.latency());
      }
      slice.errorCounts().forEach((error, count) -> errors.merge(error, count, Long::sum));
      ok += slice.okCount();
      failed += slice.errorCount();
      nanos += slice.totalNanos();
    }
    return new Measurement(rowsPerRequest, ok, failed, nanos / 1e9, at(latency, 50),
        at(latency, 90), at(latency, 99), at(latency, 99.9), mostFrequent(errors), batch, NO_HEAP);
  }

  private static long at(Histogram latency, double percentile) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
  }

  private static String mostFrequent(Map<String, Long> errors) {
    return errors.entrySet().stream()
        .max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
        .map(Map.Entry::getKey)
        .orElse("");
  }

  public double requestsPerSecond() {
    return seconds <= 0 ? 0 : requests / seconds;
  }

  public double rowsPerSecond() {
    return requestsPerSecond() * rowsPerRequest;
  }

  /** The value a comparison reads: rows/s, or a latency in nanoseconds. */
  public double value(Comparison.Metric metric) {
    return switch (metric) {
      case ROWS_PER_SECOND -> rowsPerSecond();
      case P50 -> p50Nanos;
      case P90 -> p90Nanos;
      case P99 -> p99Nanos;
      case P999 -> p999Nanos;
      case HEAP -> heapBytes;
    };
  }
}
