package dev.convoy.loadtest.engine;

/** Intended send times of an open-loop run. */
public interface SendSchedule {

  /** Returned by {@link #offsetNanos} when the schedule sends no more calls. */
  long NEVER = Long.MAX_VALUE;

  /**
   * Nanoseconds after the start at which call {@code index} is due, or {@link #NEVER}. Asked
   * for ascending indices by one run; implementations may keep a cursor for that.
   */
  long offsetNanos(long index);
}
