package dev.convoy.loadtest.engine;

import java.util.Optional;

/**
 * Hands out calls to workers: which call comes next, when it is due, whether it is recorded,
 * and when the run is over. A pure function of the clock readings passed in, shared by all
 * workers of a run.
 *
 * <p>In a closed loop a call is due when a worker asks for it. In an open loop call {@code i}
 * is due at {@code start + i / rps} whatever the workers are doing; a worker that gets a
 * ticket late sends at once, and the gap to the intended time is what the corrected latency
 * adds back (coordinated omission).
 */
public final class CallPlan {

  /** What happens to a call's measurement. */
  public enum Phase {
    /** Before the measured phase: made, not recorded, not counted in the total. */
    WARMUP,
    /** Among the first {@code skipFirst} measured calls: made and counted, not recorded. */
    SKIPPED,
    /** Made and recorded. */
    RECORDED
  }

  /**
   * Permission to make one call.
   *
   * @param index 0-based over the whole run
   * @param intendedNanos when the call is due, on the run's clock
   */
  public record Ticket(long index, long intendedNanos, Phase phase) {}

  private final long startNanos;
  private final long measuredStartNanos;
  private final long endNanos;
  private final long total;
  private final long skipFirst;
  private final SendSchedule schedule;

  private long nextIndex;
  private long measuredIssued;
  private EndReason endReason;

  public CallPlan(LoadOptions options, long startNanos) {
    this.startNanos = startNanos;
    this.measuredStartNanos = startNanos + options.warmup().toNanos();
    this.endNanos =
        options.duration().isZero()
            ? Long.MAX_VALUE
            : measuredStartNanos + options.duration().toNanos();
    this.total = options.total();
    this.skipFirst = options.skipFirst();
    this.schedule = options.openLoop() ? options.sendSchedule() : null;
  }

  /**
   * The next call, given the current time, or empty once the run is over (the total reached,
   * the duration elapsed, or cancelled).
   */
  public synchronized Optional<Ticket> next(long nowNanos) {
    if (endReason != null) {
      return Optional.empty();
    }
    long index = nextIndex;
    long offset = schedule == null ? 0 : schedule.offsetNanos(index);
    if (offset == SendSchedule.NEVER) {
      endReason = EndReason.NORMAL;
      return Optional.empty();
    }
    long intended = schedule == null ? nowNanos : startNanos + offset;
    if (intended < measuredStartNanos) {
      nextIndex++;
      return Optional.of(new Ticket(index, intended, Phase.WARMUP));
    }
    if (total > 0 && measuredIssued >= total) {
      endReason = EndReason.NORMAL;
      return Optional.empty();
    }
    if (intended >= endNanos || nowNanos >= endNanos) {
      endReason = EndReason.TIMEOUT;
      return Optional.empty();
    }
    Phase phase = measuredIssued < skipFirst ? Phase.SKIPPED : Phase.RECORDED;
    nextIndex++;
    measuredIssued++;
    return Optional.of(new Ticket(index, intended, phase));
  }

  /** Ends the run because its duration is over, unless it already ended. */
  public synchronized void expire() {
    if (endReason == null) {
      endReason = EndReason.TIMEOUT;
    }
  }

  /** When the measured phase ends; {@link Long#MAX_VALUE} without a duration. */
  public long endNanos() {
    return endNanos;
  }

  /** Stops handing out tickets; calls in flight finish. */
  public synchronized void cancel() {
    if (endReason == null) {
      endReason = EndReason.CANCEL;
    }
  }

  /** Whether {@link #cancel()} ended the run; tickets already handed out are then dropped. */
  public synchronized boolean isCancelled() {
    return endReason == EndReason.CANCEL;
  }

  /** Why the run ended, or empty while it is still going. */
  public synchronized Optional<EndReason> endReason() {
    return Optional.ofNullable(endReason);
  }

  /** When the measured phase starts: the start plus the warm-up. */
  public long measuredStartNanos() {
    return measuredStartNanos;
  }

  /** Calls handed out so far, warm-up included. */
  public synchronized long issued() {
    return nextIndex;
  }
}
