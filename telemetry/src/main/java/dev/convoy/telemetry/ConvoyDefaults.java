package dev.convoy.telemetry;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Convoy's defaults on top of the SDK's: where the SDK would export every signal over OTLP to
 * a collector on localhost, Convoy exports nothing unless asked, so a server without a collector
 * pays for no exports and logs no failed ones. Settings from the caller win over the
 * environment, which wins over these defaults.
 *
 * <ul>
 *   <li>traces: {@code otlp} when an OTLP endpoint is configured, else {@code none};
 *   <li>metrics and logs over OTLP: {@code none} (metrics are scraped from {@code /metrics});
 *   <li>{@code service.name}: the service's own name.
 * </ul>
 */
final class ConvoyDefaults {
  static final String SDK_DISABLED = "otel.sdk.disabled";
  static final String TRACES_EXPORTER = "otel.traces.exporter";
  static final String METRICS_EXPORTER = "otel.metrics.exporter";
  static final String LOGS_EXPORTER = "otel.logs.exporter";
  static final String SERVICE_NAME = "otel.service.name";
  static final String RESOURCE_ATTRIBUTES = "otel.resource.attributes";
  static final String OTLP_ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String OTLP_TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";
  static final String NONE = "none";

  private ConvoyDefaults() {}

  /**
   * The properties to lay over {@code environment}: the caller's settings, then a default for
   * each of Convoy's keys that neither the caller nor the environment set.
   */
  static Map<String, String> resolve(ConfigProperties environment, TelemetrySettings settings) {
    Map<String, String> effective = new HashMap<>(settings.properties());
    Lookup lookup = key -> effective.containsKey(key) ? effective.get(key) : environment.getString(key);
    if (lookup.get(TRACES_EXPORTER) == null) {
      boolean endpoint = lookup.get(OTLP_ENDPOINT) != null || lookup.get(OTLP_TRACES_ENDPOINT) != null;
      effective.put(TRACES_EXPORTER, endpoint ? "otlp" : NONE);
    }
    if (lookup.get(METRICS_EXPORTER) == null) {
      effective.put(METRICS_EXPORTER, NONE);
    }
    if (lookup.get(LOGS_EXPORTER) == null) {
      effective.put(LOGS_EXPORTER, NONE);
    }
    if (lookup.get(SERVICE_NAME) == null && !namesService(lookup.get(RESOURCE_ATTRIBUTES))) {
      effective.put(SERVICE_NAME, settings.serviceName());
    }
    return effective;
  }

  /** Whether an {@code otel.resource.attributes} value ({@code k=v,k=v}) sets service.name. */
  private static boolean namesService(String resourceAttributes) {
    if (resourceAttributes == null) {
      return false;
    }
    for (String pair : resourceAttributes.split(",")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).trim().equals("service.name")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code resolved} (the result of {@link #resolve}) over the environment traces. */
  static boolean tracing(ConfigProperties environment, Map<String, String> resolved) {
    String exporters = resolved.containsKey(TRACES_EXPORTER) ? resolved.get(TRACES_EXPORTER)
        : environment.getString(TRACES_EXPORTER);
    return exporters != null && !exporters.isBlank() && !exporters.trim().toLowerCase(Locale.ROOT).equals(NONE);
  }

  /** Whether the SDK is switched off as a whole. */
  static boolean disabled(ConfigProperties environment, Map<String, String> resolved) {
    String value = resolved.containsKey(SDK_DISABLED) ? resolved.get(SDK_DISABLED)
        : environment.getString(SDK_DISABLED);
    return value != null && Boolean.parseBoolean(value.trim());
  }

  @FunctionalInterface
  private interface Lookup {
    String get(String key);
  }
}
