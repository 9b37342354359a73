package dev.convoy.loadtest.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * ghz's step and line schedules, for the request rate ({@code --load-*}) and for the number of
 * workers ({@code --concurrency-*}): the level starts at {@code start} and changes by
 * {@code step} at the end of each {@code stepDuration} (a line schedule is a step schedule of
 * one-second steps, as in ghz). It stops changing once it reaches {@code end} (when not 0), or
 * at {@code maxDuration} (when not 0), where it takes {@code end} if given, else the level
 * reached; it never goes below 0.
 *
 * @param start level at time 0
 * @param step change per step; not 0
 * @param stepDuration length of a step; positive
 * @param end final level, or 0 for none
 * @param maxDuration time after which the level is constant, or zero for none
 */
public record Ramp(long start, long step, Duration stepDuration, long end, Duration maxDuration) {

  public Ramp {
    Objects.requireNonNull(stepDuration, "stepDuration");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (step == 0) {
      throw new IllegalArgumentException("step must not be 0");
    }
    if (stepDuration.isZero() || stepDuration.isNegative() || maxDuration.isNegative()) {
      throw new IllegalArgumentException("step duration must be positive");
    }
    if (start < 0 || end < 0) {
      throw new IllegalArgumentException("start and end must not be negative");
    }
  }

  /** A line schedule: {@code slope} per second. */
  public static Ramp line(long start, long slope, long end, Duration maxDuration) {
    return new Ramp(start, slope, Duration.ofSeconds(1), end, maxDuration);
  }

  /** The level {@code elapsedNanos} after the start. */
  public long levelAt(long elapsedNanos) {
    long maxNanos = maxDuration.toNanos();
    if (maxNanos > 0 && elapsedNanos >= maxNanos) {
      return end > 0 ? end : clamp(start + step * (maxNanos / stepDuration.toNanos()));
    }
    return clamp(start + step * (Math.max(0, elapsedNanos) / stepDuration.toNanos()));
  }

  /**
   * When the level next changes after {@code elapsedNanos}, or {@link Long#MAX_VALUE} when it
   * stays as it is.
   */
  public long nextChangeNanos(long elapsedNanos) {
    long stepNanos = stepDuration.toNanos();
    long current = levelAt(elapsedNanos);
    long boundary = (Math.max(0, elapsedNanos) / stepNanos + 1) * stepNanos;
    long maxNanos = maxDuration.toNanos();
    if (maxNanos > 0 && boundary >= maxNanos) {
      return elapsedNanos < maxNanos && levelAt(maxNanos) != current ? maxNanos : Long.MAX_VALUE;
    }
    if (levelAt(boundary) != current) {
      return boundary;
    }
    return Long.MAX_VALUE;
  }

  /** The highest level the schedule reaches, or {@link Long#MAX_VALUE} if it grows forever. */
  public long peak() {
    if (step < 0) {
      return Math.max(start, maxDuration.isZero() ? start : levelAt(maxDuration.toNanos()));
    }
    if (end > 0) {
      return Math.max(start, end);
    }
    return maxDuration.isZero() ? Long.MAX_VALUE : levelAt(maxDuration.toNanos());
  }

  private long clamp(long level) {
    if (end > 0) {
      level = step > 0 ? Math.min(level, end) : Math.max(level, end);
    }
    return Math.max(0, level);
  }
}
