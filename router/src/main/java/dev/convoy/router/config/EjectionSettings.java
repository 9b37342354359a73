package dev.convoy.router.config;

import java.time.Duration;

/**
 * Outlier ejection: {@code consecutiveFailures} backend failures in a row eject a backend for
 * {@code baseBackoff}, doubling with each ejection that follows without a clean period in
 * between, up to {@code maxBackoff}. Zero failures turns ejection off.
 */
public record EjectionSettings(int consecutiveFailures, Duration baseBackoff, Duration maxBackoff) {
  public EjectionSettings {
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
