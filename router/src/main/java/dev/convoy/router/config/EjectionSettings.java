package dev.convoy.router.config;

import java.time.Duration;

/**
 * Outlier ejection: {@code consecutiveFailures} backend failures in a row eject a backend for
 * {@code baseBackoff}, doubling with each ejection that follows without a clean period in
 * between, up to {@code maxBackoff}. Zero failures turns ejection for failures off. A backend
 * that answers nothing for {@code stallTimeout} while a call waits on it is ejected the same
 * way (zero: never).
 */
public record EjectionSettings(int consecutiveFailures, Duration baseBackoff, Duration maxBackoff,
    Duration stallTimeout) {
  /** The default stall timeout: a hung backend gets no new calls within a second. */
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMillis(500);

  public EjectionSettings(int consecutiveFailures, Duration baseBackoff, Duration maxBackoff) {
    this(consecutiveFailures, baseBackoff, maxBackoff, DEFAULT_STALL_TIMEOUT);
  }

  public EjectionSettings {
    if (stallTimeout == null || stallTimeout.isNegative()) {
      throw new ConfigException("ejection.stall-timeout must not be negative");
    }
    if (consecutiveFailures < 0) {
      throw new ConfigException("ejection.failures must be >= 0, got " + consecutiveFailures);
    }
    Durations.requirePositive("ejection.base", baseBackoff);
    Durations.requirePositive("ejection.max", maxBackoff);
    if (maxBackoff.compareTo(baseBackoff) < 0) {
      throw new ConfigException("ejection.max (" + maxBackoff + ") must not be below ejection.base (" + baseBackoff + ")");
    }
  }

  public boolean enabled() {
    return consecutiveFailures > 0;
  }
}
