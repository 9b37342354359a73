package dev.convoy.router.config;

import java.time.Duration;

/**
 * Everything the router runs with, validated once at start-up ({@link ConfigParser} builds it
 * from settings).
 *
 * @param port 0 for an ephemeral port
 * @param fanOutTimeout the deadline of calls sent to every backend (repository index,
 *     statistics, load, unload) when the client set none
 * @param threads threads for the backend channels' blocking work (resolving host names); calls
 *     themselves are handled on the network I/O threads
 * @param maxMessageBytes the largest request or response message accepted
 * @param shutdownGrace how long shutdown waits for calls in flight before cancelling them
 * @param waitForBackends how long start-up holds calls while it waits for every backend to
 *     serve; zero: calls are routed (or refused) from the first probe on
 */
public record RouterConfig(String host, int port, Discovery discovery, Balancing balancing,
    ProbeSettings probes, RetrySettings retry, EjectionSettings ejection, Duration fanOutTimeout,
    int threads, int maxMessageBytes, Duration shutdownGrace, Duration waitForBackends) {

  public RouterConfig {
    if (host == null || host.isBlank()) {
      throw new ConfigException("host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("port must be in 0..65535, got " + port);
    }
    Durations.requirePositive("fan-out.timeout", fanOutTimeout);
    if (threads < 1) {
      throw new ConfigException("threads must be >= 1, got " + threads);
    }
    if (maxMessageBytes < 1) {
      throw new ConfigException("max-message-mb must be >= 1");
    }
    if (shutdownGrace == null || shutdownGrace.isNegative()) {
      throw new ConfigException("shutdown.grace must not be negative");
    }
    if (waitForBackends == null || waitForBackends.isNegative()) {
      throw new ConfigException("wait-for-backends must not be negative");
    }
  }
}
