package dev.convoy.router.fault;

import dev.convoy.router.config.RetrySettings;
import java.util.function.LongSupplier;

/**
 * Bounds retries to a share of the traffic so that a failing cluster is not stormed: over a
 * sliding window, retries may number at most {@code minRetries + ratio * requests}. The
 * window is kept as ten slots, so it slides in steps of a tenth of its length.
 *
 * <p>Thread-safe. Time comes from the injected nanosecond ticker.
 */
public final class RetryBudget {
  private static final int SLOTS = 10;

  private final double ratio;
  private final int minRetries;
  private final long slotNanos;
  private final LongSupplier nanoTime;
  private final long[] requests = new long[SLOTS]; // guarded by this
  private final long[] retries = new long[SLOTS]; // guarded by this
  private long epoch; // guarded by this; the slot count since the ticker's origin

  public RetryBudget(RetrySettings settings, LongSupplier nanoTime) {
    this.ratio = settings.ratio();
    this.minRetries = settings.minRetries();
    this.slotNanos = Math.max(1, settings.window().toNanos() / SLOTS);
    this.nanoTime = nanoTime;
    this.epoch = Math.floorDiv(nanoTime.getAsLong(), slotNanos);
  }

  /** Records a request's first attempt. */
  public synchronized void onRequest() {
    requests[advance()]++;
  }

  /** Takes one retry from the budget; false when the budget is spent. */
  public synchronized boolean tryRetry() {
    int slot = advance();
    if (sum(retries) + 1 > minRetries + ratio * sum(requests)) {
      return false;
    }
    retries[slot]++;
    return true;
  }

  public synchronized long requestsInWindow() {
    advance();
    return sum(requests);
  }

  public synchronized long retriesInWindow() {
    advance();
    return sum(retries);
  }

  /** Clears the slots time has moved past; returns the current slot. */
  private int advance() {
    long now = Math.floorDiv(nanoTime.getAsLong(), slotNanos);
    long passed = now - epoch;
    if (passed > 0) {
      for (long e = epoch + 1; e <= now && e <= epoch + SLOTS; e++) {
        int slot = (int) Math.floorMod(e, SLOTS);
        requests[slot] = 0;
        retries[slot] = 0;
      }
      epoch = now;
    }
    return (int) Math.floorMod(epoch, SLOTS);
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
