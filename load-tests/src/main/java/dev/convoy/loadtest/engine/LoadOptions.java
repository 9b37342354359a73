package dev.convoy.loadtest.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load run does, validated once.
 *
 * <p>The run has an optional warm-up phase followed by the measured phase. The measured phase
 * ends after {@code total} calls or after {@code duration}, whichever comes first (zero means
 * "no limit"; at least one limit is required). The first {@code skipFirst} calls of the
 * measured phase are made but not recorded, as ghz's {@code --skipFirst}; they count towards
 * {@code total}. Warm-up calls do not.
 *
 * @param concurrency calls in flight at most (workers, or slots of asynchronous calls)
 * @param total measured calls to make (including skipped ones); 0 for no limit
 * @param duration length of the measured phase; {@link Duration#ZERO} for no limit
 * @param rps target rate for an open-loop run (calls per second over all workers); 0 for a
 *     closed loop, where each worker starts its next call when the previous one ends
 * @param warmup time before the measured phase during which calls are made but not recorded
 * @param skipFirst measured calls, from the start, that are made but not recorded
 * @param recordDetails whether to keep one {@link CallDetail} per recorded call, up to
 *     {@link #MAX_DETAILS} (ghz's limit too)
 * @param rateRamp a step or line load schedule (ghz's {@code --load-schedule}) instead of the
 *     constant {@code rps}, or null
 * @param concurrencyRamp a step or line worker schedule (ghz's
 *     {@code --concurrency-schedule}) instead of the constant {@code concurrency}, or null
 * @param async whether calls are started when due without waiting for a free worker (ghz's
 *     {@code --async}): in flight at most {@link #ASYNC_MAX_IN_FLIGHT}
 * @param countErrors whether failed calls count in the latency figures (ghz's
 *     {@code --count-errors})
 * @param durationStop what happens to calls in flight when {@code duration} ends
 */
public record LoadOptions(
    int concurrency,
    long total,
    Duration duration,
    double rps,
    Duration warmup,
    long skipFirst,
    boolean recordDetails,
    Ramp rateRamp,
    Ramp concurrencyRamp,
    boolean async,
    boolean countErrors,
    DurationStop durationStop) {

  /** Most per-call details a run keeps: about 100 MB, as many as ghz keeps. */
  public static final int MAX_DETAILS = 1_000_000;

  /** Most calls in flight with {@code async}: a bound on the client's memory, not ghz's. */
  public static final int ASYNC_MAX_IN_FLIGHT = 10_000;

  public LoadOptions {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(durationStop, "durationStop");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    if (total < 0 || skipFirst < 0) {
      throw new IllegalArgumentException("total and skipFirst must not be negative");
    }
    if (duration.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("duration and warmup must not be negative");
    }
    if (total == 0 && duration.isZero()) {
      throw new IllegalArgumentException("a run needs a total number of calls or a duration");
    }
    if (!(rps >= 0) || Double.isInfinite(rps)) {
      throw new IllegalArgumentException("rps must be a finite number >= 0, got " + rps);
    }
  }

  /** Constant rate and concurrency, calls in flight finishing after the duration recorded. */
  public LoadOptions(int concurrency, long total, Duration duration, double rps, Duration warmup,
      long skipFirst, boolean recordDetails) {
    this(concurrency, total, duration, rps, warmup, skipFirst, recordDetails, null, null, false,
        false, DurationStop.WAIT);
  }

  /** A closed-loop run of {@code total} calls from {@code concurrency} workers. */
  public static LoadOptions closedLoop(int concurrency, long total) {
    return new LoadOptions(concurrency, total, Duration.ZERO, 0, Duration.ZERO, 0, false);
  }

  /** A closed-loop run from {@code concurrency} workers for {@code duration}. */
  public static LoadOptions timed(int concurrency, Duration duration) {
    return new LoadOptions(concurrency, 0, duration, 0, Duration.ZERO, 0, false);
  }

  /** The details the run may still keep, shared by its recorders; null when none are kept. */
  AtomicInteger detailBudget() {
    return recordDetails ? new AtomicInteger(MAX_DETAILS) : null;
  }

  /** Whether calls are paced by a schedule of intended send times. */
  public boolean openLoop() {
    return rps > 0 || rateRamp != null;
  }

  /** The intended send times of an open-loop run. */
  SendSchedule sendSchedule() {
    return rateRamp != null ? new RampSchedule(rateRamp) : new RateSchedule(rps);
  }

  /** Workers at the start: the concurrency schedule's start, or {@code concurrency}. */
  int initialConcurrency() {
    return concurrencyRamp == null ? concurrency : (int) concurrencyRamp.levelAt(0);
  }

  public LoadOptions withTotal(long newTotal) {
    return new LoadOptions(concurrency, newTotal, duration, rps, warmup, skipFirst, recordDetails,
        rateRamp, concurrencyRamp, async, countErrors, durationStop);
  }

  public LoadOptions withDuration(Duration newDuration) {
    return new LoadOptions(concurrency, total, newDuration, rps, warmup, skipFirst, recordDetails,
        rateRamp, concurrencyRamp, async, countErrors, durationStop);
  }

  public LoadOptions withRps(double newRps) {
    return new LoadOptions(concurrency, total, duration, newRps, warmup, skipFirst, recordDetails,
        rateRamp, concurrencyRamp, async, countErrors, durationStop);
  }

  public LoadOptions withWarmup(Duration newWarmup) {
    return new LoadOptions(concurrency, total, duration, rps, newWarmup, skipFirst, recordDetails,
        rateRamp, concurrencyRamp, async, countErrors, durationStop);
  }

  public LoadOptions withSkipFirst(long newSkipFirst) {
    return new LoadOptions(concurrency, total, duration, rps, warmup, newSkipFirst, recordDetails,
        rateRamp, concurrencyRamp, async, countErrors, durationStop);
  }

  public LoadOptions withRecordDetails(boolean newRecordDetails) {
    return new LoadOptions(concurrency, total, duration, rps, warmup, skipFirst, newRecordDetails,
        rateRamp, concurrencyRamp, async, countErrors, durationStop);
  }
}
