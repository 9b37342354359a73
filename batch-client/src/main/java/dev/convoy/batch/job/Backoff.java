package dev.convoy.batch.job;

import java.time.Duration;

/**
 * Exponential back-off between attempts: {@code initial}, twice that, ... up to {@code max}.
 *
 * @param retries attempts after the first
 */
record Backoff(int retries, Duration initial, Duration max) {
  Backoff {
    if (retries < 0) {
      throw new IllegalArgumentException("--retries must be >= 0, got " + retries);
    }
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off must be >= 0 and --max-backoff >= --backoff");
    }
  }

  /** The wait before retry {@code retry} (1 for the first). */
  long delayNanos(int retry) {
    long delay = initial.toNanos() << Math.min(retry - 1, 30);
    return delay < 0 ? max.toNanos() : Math.min(delay, max.toNanos());
  }
}
