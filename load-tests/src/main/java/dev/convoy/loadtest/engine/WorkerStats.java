package dev.convoy.loadtest.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * What one worker (or one completing thread) measured. Each owns one, so recording takes no
 * lock; the run merges them once no call is in flight.
 *
 * <p>As in ghz, the latency histograms, fastest and slowest cover successful calls (a fast
 * failure says nothing about serving latency), or every call with {@code countErrors}
 * (ghz's {@code --count-errors}), while the average covers every recorded call.
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
  private final AtomicInteger detailBudget;
  private final boolean countErrors;

  long count;
  long sumNanos;
  long fastestNanos = Long.MAX_VALUE;
  long slowestNanos;
  long warmupCalls;
  long skippedCalls;
  long lastEndNanos = Long.MIN_VALUE;

  /**
   * @param detailBudget {@link CallDetail}s left to keep, shared by every stats of the run (so
   *     together they stay within the run's limit), or null to keep none
   */
  WorkerStats(long startNanos, AtomicInteger detailBudget, boolean countErrors) {
    this.startNanos = startNanos;
    this.detailBudget = detailBudget;
    this.countErrors = countErrors;
    this.details = detailBudget != null ? new ArrayList<>() : null;
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
    if (outcome.isOk() || countErrors) {
      latency.recordValue(latencyNanos);
      corrected.recordValue(correctedNanos);
      fastestNanos = Math.min(fastestNanos, latencyNanos);
      slowestNanos = Math.max(slowestNanos, latencyNanos);
    }
    if (!outcome.isOk()) {
      errors.merge(error, 1L, Long::sum);
    }
    if (details != null && detailBudget.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      details.add(
          new CallDetail(
              sentNanos - startNanos, latencyNanos, correctedNanos, outcome.status(), error));
    }
  }
}
