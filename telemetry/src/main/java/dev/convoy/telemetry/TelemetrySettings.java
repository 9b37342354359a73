package dev.convoy.telemetry;

import dev.convoy.telemetry.prometheus.MetricsAccess;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * What a service asks of {@link Telemetry}, beside the standard {@code OTEL_*} environment
 * variables and {@code otel.*} system properties the SDK reads.
 *
 * @param serviceName {@code service.name} unless {@code OTEL_SERVICE_NAME} or
 *     {@code OTEL_RESOURCE_ATTRIBUTES} names one
 * @param metricsAddress where to serve Prometheus {@code /metrics}; port 0 picks a free one;
 *     empty for no endpoint
 * @param properties {@code otel.*} properties that win over the environment and system
 *     properties (command-line flags, tests)
 * @param sampler wraps the configured sampler (identity: as configured)
 * @param metricsAccess HTTPS and the caller check of {@code /metrics}
 */
public record TelemetrySettings(String serviceName, Optional<InetSocketAddress> metricsAddress,
    Map<String, String> properties, UnaryOperator<Sampler> sampler, MetricsAccess metricsAccess) {

  public TelemetrySettings(String serviceName, Optional<InetSocketAddress> metricsAddress,
      Map<String, String> properties) {
    this(serviceName, metricsAddress, properties, UnaryOperator.identity(), MetricsAccess.OPEN);
  }

  public TelemetrySettings {
    Objects.requireNonNull(serviceName, "serviceName");
    if (serviceName.isBlank()) {
      throw new IllegalArgumentException("service name must not be blank");
    }
    Objects.requireNonNull(metricsAddress, "metricsAddress");
    properties = Map.copyOf(properties);
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(metricsAccess, "metricsAccess");
  }

  /** A service with no metrics endpoint and nothing beyond the environment's settings. */
  public static TelemetrySettings forService(String serviceName) {
    return new TelemetrySettings(serviceName, Optional.empty(), Map.of());
  }

  /** Serves {@code /metrics} on {@code host:port}; port 0 picks a free one. */
  public TelemetrySettings withMetrics(String host, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("metrics port must be in 0..65535, got " + port);
    }
    return new TelemetrySettings(serviceName, Optional.of(new InetSocketAddress(host, port)), properties, sampler,
        metricsAccess);
  }

  /** Serves {@code /metrics} over HTTPS and behind a caller check, as {@code access} says. */
  public TelemetrySettings withMetricsAccess(MetricsAccess access) {
    return new TelemetrySettings(serviceName, metricsAddress, properties, sampler, access);
  }

  /** Adds {@code otel.*} properties that win over the environment. */
  public TelemetrySettings withProperties(Map<String, String> more) {
    Map<String, String> merged = new java.util.HashMap<>(properties);
    merged.putAll(more);
    return new TelemetrySettings(serviceName, metricsAddress, merged, sampler, metricsAccess);
  }

  /**
   * Wraps the sampler the environment configures ({@code OTEL_TRACES_SAMPLER}) in
   * {@code wrapper}, e.g. to apply settings changed at run time.
   */
  public TelemetrySettings withSampler(UnaryOperator<Sampler> wrapper) {
    return new TelemetrySettings(serviceName, metricsAddress, properties, wrapper, metricsAccess);
  }
}
