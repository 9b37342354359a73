package dev.convoy.loadtest.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/** A run in progress: watch it, cancel it, wait for its result. */
public final class LoadRun {

  private final LoadOptions options;
  private final LoadClock clock;
  private final CallPlan plan;
  private final CompletableFuture<Void> finished;
  private final Supplier<List<WorkerStats>> stats;
  private final Runnable cleanup;
  private final Instant startedAt;
  private final LongAdder completed;
  private final LongAdder failed;
  private LoadResult result;

  /**
   * @param finished completes when no call is in flight and none will be issued
   * @param stats what every recorder measured, read once {@code finished} completed
   * @param cleanup releases the run's threads, once {@code finished} completed (or failed)
   */
  LoadRun(
      LoadOptions options,
      LoadClock clock,
      CallPlan plan,
      CompletableFuture<Void> finished,
      Supplier<List<WorkerStats>> stats,
      Runnable cleanup,
      Instant startedAt,
      LongAdder completed,
      LongAdder failed) {
    this.options = options;
    this.clock = clock;
    this.plan = plan;
    this.finished = finished;
    this.stats = stats;
    this.cleanup = cleanup;
    this.startedAt = startedAt;
    this.completed = completed;
    this.failed = failed;
  }

  public LoadOptions options() {
    return options;
  }

  /** A snapshot of how far the run is; cheap enough to poll a few times a second. */
  public Progress progress() {
    long now = clock.nanoTime();
    long elapsed = Math.max(0, now - plan.measuredStartNanos());
    boolean warmingUp = now < plan.measuredStartNanos();
    long done = completed.sum();
    double byCalls = options.total() > 0 ? (double) done / options.total() : 0;
    double byTime =
        options.duration().isZero() ? 0 : (double) elapsed / options.duration().toNanos();
    double fraction = warmingUp ? 0 : Math.min(1, Math.max(byCalls, byTime));
    return new Progress(done, failed.sum(), warmingUp, elapsed, fraction);
  }

  /** Stops handing out calls; calls in flight finish and are recorded. */
  public void cancel() {
    plan.cancel();
  }

  public boolean isDone() {
    return finished.isDone();
  }

  /** Waits for every call to end and returns what was measured. */
  public synchronized LoadResult await() throws InterruptedException {
    if (result == null) {
      try {
        finished.get();
      } catch (ExecutionException e) {
        plan.cancel();
        cleanup.run();
        throw new IllegalStateException("a load worker failed", e.getCause());
      }
      cleanup.run();
      result = merge(clock.nanoTime());
    }
    return result;
  }

  private LoadResult merge(long finishedNanos) {
    Histogram latency = WorkerStats.newHistogram();
    Histogram corrected = WorkerStats.newHistogram();
    Map<String, Long> statuses = new HashMap<>();
    Map<String, Long> errors = new HashMap<>();
    List<CallDetail> details = new ArrayList<>();
    long count = 0;
    long sum = 0;
    long fastest = Long.MAX_VALUE;
    long slowest = 0;
    long warmup = 0;
    long skipped = 0;
    long lastEnd = Long.MIN_VALUE;
    for (WorkerStats s : stats.get()) {
      latency.add(s.latency);
      corrected.add(s.corrected);
      s.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
      s.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
      if (s.details != null) {
        details.addAll(s.details);
      }
      count += s.count;
      sum += s.sumNanos;
      fastest = Math.min(fastest, s.fastestNanos);
      slowest = Math.max(slowest, s.slowestNanos);
      warmup += s.warmupCalls;
      skipped += s.skippedCalls;
      lastEnd = Math.max(lastEnd, s.lastEndNanos);
    }
    details.sort((a, b) -> Long.compare(a.sentOffsetNanos(), b.sentOffsetNanos()));
    long end = count > 0 ? lastEnd : finishedNanos;
    long total = Math.max(0, end - plan.measuredStartNanos());
    return new LoadResult(
        options,
        plan.endReason().orElse(EndReason.NORMAL),
        startedAt,
        total,
        count,
        count == 0 ? 0 : sum / count,
        fastest == Long.MAX_VALUE ? 0 : fastest,
        slowest,
        latency,
        corrected,
        statuses,
        errors,
        details,
        warmup,
        skipped);
  }
}
