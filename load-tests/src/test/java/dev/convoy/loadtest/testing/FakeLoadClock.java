package dev.convoy.loadtest.testing;

import dev.convoy.loadtest.engine.LoadClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told: parking advances it by the parked time, so an open-loop
 * run paces itself without sleeping. Deterministic for runs with one worker.
 */
public final class FakeLoadClock implements LoadClock {

  private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return EPOCH.plusNanos(nanos.get());
  }

  @Override
  public void parkNanos(long parked) {
    nanos.addAndGet(Math.max(0, parked));
  }

  public void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
