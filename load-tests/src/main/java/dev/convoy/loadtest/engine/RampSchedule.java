package dev.convoy.loadtest.engine;

/**
 * Send times of a step or line load schedule ({@code --load-schedule step|line}): the rate is
 * the {@link Ramp}'s level, constant within each step, so the calls of one step are evenly
 * spaced at that step's rate. A rate that reaches 0 and stays there ends the schedule.
 * Indices are asked in ascending order: a cursor walks the steps once.
 */
public final class RampSchedule implements SendSchedule {

  private static final double NANOS_PER_SECOND = 1_000_000_000.0;

  private final Ramp ramp;
  /** Start of the segment the cursor is in, and the calls due before it. */
  private long segmentStartNanos;
  private double callsBefore;

  public RampSchedule(Ramp ramp) {
    this.ramp = ramp;
  }

  @Override
  public synchronized long offsetNanos(long index) {
    if (index < callsBefore) {
      segmentStartNanos = 0;
      callsBefore = 0;
    }
    while (true) {
      long rate = ramp.levelAt(segmentStartNanos);
      long segmentEnd = ramp.nextChangeNanos(segmentStartNanos);
      if (segmentEnd == Long.MAX_VALUE) {
        return rate == 0 ? NEVER : at(index, rate);
      }
      double callsIn = rate * (segmentEnd - segmentStartNanos) / NANOS_PER_SECOND;
      if (index < callsBefore + callsIn) {
        return at(index, rate);
      }
      callsBefore += callsIn;
      segmentStartNanos = segmentEnd;
    }
  }

  private long at(long index, long rate) {
    return segmentStartNanos + (long) Math.ceil((index - callsBefore) * NANOS_PER_SECOND / rate);
  }
}
