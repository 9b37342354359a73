package dev.convoy.router.config;

import java.time.Duration;

/**
 * The retry budget: over a sliding {@code window}, retries may number at most
 * {@code minRetries + ratio * requests}. Ratio 0 and minRetries 0 turn retries off.
 */
public record RetrySettings(double ratio, Duration window, int minRetries) {
  public RetrySettings {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new ConfigException("retry.budget.ratio must be in 0..1, got " + ratio);
    }
    Durations.requirePositive("retry.budget.window", window);
    if (minRetries < 0) {
      throw new ConfigException("retry.budget.min must be >= 0, got " + minRetries);
    }
  }
}
