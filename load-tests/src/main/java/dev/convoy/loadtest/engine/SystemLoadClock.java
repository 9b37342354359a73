package dev.convoy.loadtest.engine;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** {@link LoadClock} backed by the JVM's clocks. */
enum SystemLoadClock implements LoadClock {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public void parkNanos(long nanos) {
    LockSupport.parkNanos(nanos);
  }
}
