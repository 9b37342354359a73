package dev.convoy.loadtest.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one worker measured. Each worker owns one, so recording takes no lock; the run merges
 * them once the workers have stopped.
 *
 * <p>As in ghz, the latency histograms, fastest and slowest cover successful calls (a fast
 * failure says nothing about serving latency) while the average covers every recorded call.
 */
final class WorkerStats {

  /** Three significant digits: 0.1% resolution; auto-resizing so no latency is clamped. */
  static final int SIGNIFICANT_DIGITS = 3;

  final Histogram latency = newHistogram();
  final Histogram corrected = newHistogram();
  final Map<String, Long> statuses = new HashMap<>();
  final Map<String, Long> errors = new HashMap<>();
  final List<CallDetail> details;
  final long startNanos;
  private final int detailLimit;

  long count;
  long sumNanos;
  long fastestNanos = Long.MAX_VALUE;
  long slowestNanos;
  long warmupCalls;
  long skippedCalls;
  long lastEndNanos = Long.MIN_VALUE;

  /** @param detailLimit how many {@link CallDetail}s to keep; 0 keeps none */
  WorkerStats(long startNanos, int detailLimit) {
    this.startNanos = startNanos;
    this.detailLimit = detailLimit;
    this.details = detailLimit > 0 ? new ArrayList<>() : null;
  }

  static Histogram newHistogram() {
    Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  void record(CallPlan.Ticket ticket, long sentNanos, long endNanos, CallOutcome outcome) {
    switch (ticket.phase()) {
      case WARMUP -> warmupCalls++;
      case SKIPPED -> skippedCalls++;
      case RECORDED -> recordMeasured(ticket, sentNanos, endNanos, outcome);
    }
  }

  private void recordMeasured(
      CallPlan.Ticket ticket, long sentNanos, long endNanos, CallOutcome outcome) {
    long latencyNanos = Math.max(0, endNanos - sentNanos);
    // A worker never sends before the intended time, so this is >= latencyNanos.
    long correctedNanos = Math.max(latencyNanos, endNanos - ticket.intendedNanos());
    count++;
    sumNanos += latencyNanos;
    lastEndNanos = Math.max(lastEndNanos, endNanos);
    statuses.merge(outcome.status(), 1L, Long::sum);
    String error = outcome.error();
    if (outcome.isOk()) {
      latency.recordValue(latencyNanos);
      corrected.recordValue(correctedNanos);
      fastestNanos = Math.min(fastestNanos, latencyNanos);
      slowestNanos = Math.max(slowestNanos, latencyNanos);
    } else {
      errors.merge(error, 1L, Long::sum);
    }
    if (details != null && details.size() < detailLimit) {
      details.add(
          new CallDetail(
              sentNanos - startNanos, latencyNanos, correctedNanos, outcome.status(), error));
    }
  }
}
