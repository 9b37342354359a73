package dev.convoy.loadtest.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What a run measured. Latencies are in nanoseconds. The histograms belong to the result:
 * read them, copy them to change them.
 *
 * @param options the options the run was started with
 * @param endReason why it ended
 * @param startedAt wall-clock time at the start of the run (warm-up included); call
 *     timestamps are offsets from it
 * @param totalNanos length of the measured phase: from its start to the end of the last call
 * @param count recorded calls (warm-up and skipped calls excluded)
 * @param averageNanos mean latency of all recorded calls, failures included (as ghz)
 * @param fastestNanos fastest successful call, 0 when none succeeded
 * @param slowestNanos slowest successful call, 0 when none succeeded
 * @param latency successful calls, measured from the actual send time
 * @param correctedLatency successful calls, measured from the intended send time; the same
 *     as {@code latency} in a closed loop
 * @param statusCounts recorded calls by status name, e.g. {@code OK}, {@code Unavailable}
 * @param errorCounts failed calls by error text
 * @param details one entry per recorded call (up to {@link LoadOptions#MAX_DETAILS}) in send
 *     order, or empty when not requested; see {@link LoadOptions#recordDetails()}
 * @param warmupCalls calls made during the warm-up
 * @param skippedCalls calls made but skipped by {@link LoadOptions#skipFirst()}
 */
public record LoadResult(
    LoadOptions options,
    EndReason endReason,
    Instant startedAt,
    long totalNanos,
    long count,
    long averageNanos,
    long fastestNanos,
    long slowestNanos,
    Histogram latency,
    Histogram correctedLatency,
    Map<String, Long> statusCounts,
    Map<String, Long> errorCounts,
    List<CallDetail> details,
    long warmupCalls,
    long skippedCalls) {

  public LoadResult {
    statusCounts = Map.copyOf(statusCounts);
    errorCounts = Map.copyOf(errorCounts);
    details = List.copyOf(details);
  }

  /** Recorded calls per second of the measured phase. */
  public double rps() {
    return totalNanos <= 0 ? 0 : count * 1e9 / totalNanos;
  }

  /** Successful recorded calls. */
  public long okCount() {
    return statusCounts.getOrDefault(CallOutcome.OK_STATUS, 0L);
  }

  /** Recorded calls that failed. */
  public long errorCount() {
    return count - okCount();
  }

  /** The coordinated-omission corrected histogram, present only for an open-loop run. */
  public Optional<Histogram> corrected() {
    return options.openLoop() ? Optional.of(correctedLatency) : Optional.empty();
  }

  /** Latency of successful calls at {@code percentile} (0..100), from the actual send. */
  public long latencyAtPercentile(double percentile) {
    return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile);
  }
}
