package dev.convoy.router.config;

import java.time.Duration;

/**
 * How backends are watched: every {@code interval} a health check and a repository index
 * read, each bounded by {@code timeout}.
 */
public record ProbeSettings(Duration interval, Duration timeout) {
  public ProbeSettings {
    Durations.requirePositive("probe.interval", interval);
    Durations.requirePositive("probe.timeout", timeout);
  }
}
