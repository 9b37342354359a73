package dev.convoy.router.fault;

import dev.convoy.router.config.EjectionSettings;

/**
 * Outlier ejection for one backend. After {@code consecutiveFailures} faults in a row the
 * backend is ejected for {@code base * 2^(n-1)} (capped at {@code max}), where n counts the
 * ejections since the backend last served cleanly for as long as its last ejection lasted.
 * Calls that end while the backend is ejected do not extend the ejection.
 *
 * <p>A pure state machine: every method takes the current time in nanoseconds. Thread-safe.
 */
public final class Ejection {
  private final EjectionSettings settings;
  private int consecutiveFailures; // guarded by this
  private int level; // guarded by this; 0 = never ejected or forgiven
  private long ejectedUntil; // guarded by this; meaningful when level > 0
  private long ejections; // guarded by this

  public Ejection(EjectionSettings settings) {
    this.settings = settings;
  }

  public EjectionSettings settings() {
    return settings;
  }

  /** Records a fault; true when it ejects the backend. */
  public synchronized boolean onFault(long now) {
    if (!settings.enabled() || isEjected(now)) {
      return false;
    }
    if (++consecutiveFailures < settings.consecutiveFailures()) {
      return false;
    }
    consecutiveFailures = 0;
    level++;
    ejections++;
    ejectedUntil = now + backoffNanos(level);
    return true;
  }

  /**
   * Ejects the backend at once (it has stopped answering), with the same back-off as an
   * ejection for faults; false when it is ejected already.
   */
  public synchronized boolean ejectNow(long now) {
    if (isEjected(now)) {
      return false;
    }
    consecutiveFailures = 0;
    level++;
    ejections++;
    ejectedUntil = now + backoffNanos(level);
    return true;
  }

  /** Records a healthy answer: resets the run of faults, and forgives past ejections after a clean period. */
  public synchronized void onHealthy(long now) {
    consecutiveFailures = 0;
    if (level > 0 && now - ejectedUntil >= backoffNanos(level)) {
      level = 0;
    }
  }

  public synchronized boolean isEjected(long now) {
    return level > 0 && ejectedUntil - now > 0;
  }

  /** Nanoseconds until the ejection ends; 0 when not ejected. */
  public synchronized long remainingNanos(long now) {
    return isEjected(now) ? ejectedUntil - now : 0;
  }

  /** Ejections since the backend was added. */
  public synchronized long ejections() {
    return ejections;
  }

  /** The back-off of the {@code n}-th ejection in a row (n >= 1). */
  public long backoffNanos(int n) {
    long base = settings.baseBackoff().toNanos();
    long max = settings.maxBackoff().toNanos();
    int shift = Math.min(n - 1, 62);
    return base > (max >> shift) ? max : Math.min(max, base << shift);
  }
}
