package dev.convoy.batcher;

/**
 * Arithmetic on ticker instants. Tickers such as {@code System.nanoTime} may be negative, so
 * instants are compared by difference; {@link #NONE} stands for "never".
 */
final class Ticks {
  static final long NONE = Long.MAX_VALUE;

  private Ticks() {}

  static boolean reached(long now, long instant) {
    return instant != NONE && now - instant >= 0;
  }

  /** {@code instant + nanos}, or {@link #NONE} when that is beyond the ticker's range. */
  static long plus(long instant, long nanos) {
    long sum = instant + nanos;
    boolean overflow = ((instant ^ sum) & (nanos ^ sum)) < 0;
    return nanos == NONE || overflow ? NONE : sum;
  }

  /** The earlier of two instants, either of which may be {@link #NONE}. */
  static long earliest(long a, long b) {
    if (a == NONE || b == NONE) {
      return a == NONE ? b : a;
    }
    return a - b <= 0 ? a : b;
  }
}
