package dev.convoy.loadtest.engine;

import java.time.Instant;

/**
 * The engine's only source of time, so that tests can run the pacing and latency logic on a
 * fake clock without sleeping.
 */
public interface LoadClock {

  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Wall-clock time, used only to stamp reports. */
  Instant instant();

  /**
   * Blocks the calling thread for up to {@code nanos}. May return early (spuriously, or when
   * the run is cancelled and the thread unparked); callers re-check the time.
   */
  void parkNanos(long nanos);

  /** The real clock. */
  static LoadClock system() {
    return SystemLoadClock.INSTANCE;
  }
}
