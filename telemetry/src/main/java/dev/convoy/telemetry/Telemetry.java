package dev.convoy.telemetry;

import dev.convoy.telemetry.prometheus.MetricsEndpoint;
import dev.convoy.telemetry.prometheus.PrometheusMetricReader;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's OpenTelemetry: the SDK configured once at start-up from the standard
 * {@code OTEL_*} environment variables and {@code otel.*} system properties (SDK
 * autoconfiguration, with {@link ConvoyDefaults}), plus an optional Prometheus
 * {@code /metrics} endpoint. Close it after the service, so the last spans are flushed.
 *
 * <p>With {@code OTEL_SDK_DISABLED=true} {@link #openTelemetry()} is {@link OpenTelemetry#noop()};
 * with no trace exporter its tracer provider is the no-op one (spans cost nearly nothing, trace
 * context still passes through) while metrics still work.
 */
public final class Telemetry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Telemetry.class);

  private final OpenTelemetry openTelemetry;
  private final boolean tracing;
  private final OpenTelemetrySdk sdk;
  private final Optional<MetricsEndpoint> metrics;

  private Telemetry(OpenTelemetry openTelemetry, boolean tracing, OpenTelemetrySdk sdk,
      Optional<MetricsEndpoint> metrics) {
    this.openTelemetry = openTelemetry;
    this.tracing = tracing;
    this.sdk = sdk;
    this.metrics = metrics;
  }

  /**
   * Builds the SDK and starts the metrics endpoint, if the settings ask for one.
   *
   * @throws IllegalArgumentException when an {@code OTEL_*} setting is invalid (it is named)
   * @throws java.io.UncheckedIOException when the metrics port cannot be bound
   */
  public static Telemetry configure(TelemetrySettings settings) {
    Resolution resolution = new Resolution();
    PrometheusMetricReader prometheus = new PrometheusMetricReader();
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .disableShutdownHook()
          .addPropertiesCustomizer(environment -> resolution.resolve(environment, settings))
          .addSamplerCustomizer((sampler, config) -> settings.sampler().apply(sampler))
          .addMeterProviderCustomizer((meters, config) -> settings.metricsAddress().isPresent()
              ? meters.registerMetricReader(prometheus) : meters)
          .build()
          .getOpenTelemetrySdk();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("OpenTelemetry configuration: " + e.getMessage(), e);
    }
    if (resolution.disabled) {
      if (settings.metricsAddress().isPresent()) {
        log.warn("OTEL_SDK_DISABLED is true: no traces and no /metrics endpoint");
      }
      return new Telemetry(OpenTelemetry.noop(), false, sdk, Optional.empty());
    }
    Optional<MetricsEndpoint> endpoint;
    try {
      endpoint = settings.metricsAddress().map(address -> MetricsEndpoint.start(address, prometheus,
          settings.metricsAccess()));
    } catch (RuntimeException e) {
      sdk.close();
      throw e;
    }
    OpenTelemetry view = resolution.tracing ? sdk : new UntracedOpenTelemetry(sdk);
    log.info("telemetry for {}: traces {}, metrics {}", settings.serviceName(),
        resolution.tracing ? "exported (" + resolution.tracesExporter + ")" : "off",
        endpoint.map(e -> "on " + e.address().getHostString() + ":" + e.port() + MetricsEndpoint.PATH)
            .orElse("not served"));
    return new Telemetry(view, resolution.tracing, sdk, endpoint);
  }

  /** Telemetry that records and exports nothing. */
  public static Telemetry noop() {
    return new Telemetry(OpenTelemetry.noop(), false, null, Optional.empty());
  }

  /** What the service instruments itself with. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Whether spans are recorded and exported. */
  public boolean tracing() {
    return tracing;
  }

  /** The bound port of the metrics endpoint, if one is served. */
  public OptionalInt metricsPort() {
    return metrics.map(e -> OptionalInt.of(e.port())).orElse(OptionalInt.empty());
  }

  /**
   * Serves {@code collector}'s families on {@code /metrics} beside the instruments' (families
   * whose Prometheus names or types OpenTelemetry's naming rules cannot give); nothing when no
   * endpoint is served. Close the result to remove them.
   */
  public AutoCloseable expose(MultiCollector collector) {
    metrics.ifPresent(endpoint -> endpoint.register(collector));
    return () -> metrics.ifPresent(endpoint -> endpoint.unregister(collector));
  }

  /** Stops the metrics endpoint, then flushes and shuts down the SDK (waiting up to 10 s). */
  @Override
  public void close() {
    metrics.ifPresent(MetricsEndpoint::close);
    if (sdk != null) {
      sdk.close();
    }
  }

  /** What autoconfiguration resolved, noted while it ran. */
  private static final class Resolution {
    private volatile boolean disabled;
    private volatile boolean tracing;
    private volatile String tracesExporter;

    Map<String, String> resolve(io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties environment,
        TelemetrySettings settings) {
      Map<String, String> resolved = ConvoyDefaults.resolve(environment, settings);
      disabled = ConvoyDefaults.disabled(environment, resolved);
      tracing = !disabled && ConvoyDefaults.tracing(environment, resolved);
      tracesExporter = resolved.getOrDefault(ConvoyDefaults.TRACES_EXPORTER,
          environment.getString(ConvoyDefaults.TRACES_EXPORTER));
      return resolved;
    }
  }

  /** The SDK's metrics and propagation with the no-op tracer: nothing to export spans to. */
  private record UntracedOpenTelemetry(OpenTelemetrySdk sdk) implements OpenTelemetry {
    @Override
    public TracerProvider getTracerProvider() {
      return TracerProvider.noop();
    }

    @Override
    public MeterProvider getMeterProvider() {
      return sdk.getMeterProvider();
    }

    @Override
    public LoggerProvider getLogsBridge() {
      return sdk.getLogsBridge();
    }

    @Override
    public ContextPropagators getPropagators() {
      return sdk.getPropagators();
    }
  }
}
