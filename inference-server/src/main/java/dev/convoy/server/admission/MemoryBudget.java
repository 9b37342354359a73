package dev.convoy.server.admission;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes of decoded requests in flight in one server. A request takes its estimated
 * footprint before it is decoded and gives it back when it is answered; one that does not fit
 * is refused at once rather than queued, so a flood of large requests cannot run the server out
 * of heap while small ones keep flowing. Thread-safe and lock-free.
 */
public final class MemoryBudget {
  private final long limitBytes;
  private final AtomicLong inUse = new AtomicLong();

  /** @param limitBytes the most bytes in flight at once; must be positive */
  public MemoryBudget(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("memory budget must be positive, got " + limitBytes);
    }
    this.limitBytes = limitBytes;
  }

  /** A quarter of the heap the JVM may grow to: room for everything else the server holds. */
  public static MemoryBudget quarterOfHeap() {
    return new MemoryBudget(defaultLimitBytes());
  }

  public static long defaultLimitBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** Takes {@code bytes} (non-negative) from the budget; false, taking nothing, when they do not fit. */
  public boolean tryAcquire(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
    }
    while (true) {
      long used = inUse.get();
      if (bytes > limitBytes - used) {
        return false;
      }
      if (inUse.compareAndSet(used, used + bytes)) {
        return true;
      }
    }
  }

  /** Gives back bytes taken by a successful {@link #tryAcquire}. */
  public void release(long bytes) {
    long after = inUse.addAndGet(-bytes);
    if (after < 0) {
      throw new IllegalStateException("released more than was acquired: " + after);
    }
  }

  public long limitBytes() {
    return limitBytes;
  }

  public long inUseBytes() {
    return inUse.get();
  }
}
