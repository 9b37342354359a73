package dev.convoy.telemetry;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Turns readings of a service's monotonic nanosecond ticker into epoch nanoseconds for span
 * timestamps, so spans can be stamped from times the service already measured (e.g. when a
 * request entered a queue), and a test's fake ticker and clock make them exact. The ticker and
 * the wall clock are read once, here, to fix the offset between them.
 */
public final class SpanClock {
  private final LongSupplier ticker;
  private final long offsetNanos;

  private SpanClock(LongSupplier ticker, long offsetNanos) {
    this.ticker = ticker;
    this.offsetNanos = offsetNanos;
  }

  /** Anchors {@code ticker} to {@code wallClock}'s current instant. */
  public static SpanClock anchored(LongSupplier ticker, Clock wallClock) {
    long tick = ticker.getAsLong();
    Instant now = wallClock.instant();
    long epochNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    return new SpanClock(ticker, epochNanos - tick);
  }

  /** The epoch nanoseconds of a ticker reading. */
  public long epochNanos(long tickerNanos) {
    return tickerNanos + offsetNanos;
  }

  /** The ticker's current reading. */
  public long tick() {
    return ticker.getAsLong();
  }

  /** The ticker this clock reads. */
  public LongSupplier ticker() {
    return ticker;
  }
}
