package dev.convoy.loadtest.engine;

/**
 * Intended send times of an open-loop run: call {@code i} is due {@code i / rps} seconds after
 * the start. Each time is computed from the index, not by adding periods, so rounding never
 * accumulates into drift over a long run.
 */
public final class RateSchedule implements SendSchedule {

  private static final double NANOS_PER_SECOND = 1_000_000_000.0;

  private final double rps;

  public RateSchedule(double rps) {
    if (!(rps > 0) || Double.isInfinite(rps)) {
      throw new IllegalArgumentException("rps must be a positive finite number, got " + rps);
    }
    this.rps = rps;
  }

  /** Nanoseconds after the start at which call {@code index} is due. */
  @Override
  public long offsetNanos(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    return (long) Math.floor(index * NANOS_PER_SECOND / rps);
  }

  public double rps() {
    return rps;
  }
}
