package dev.convoy.telemetry.testing;

import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import java.util.Map;

/** Telemetry whose metrics a test scrapes: Prometheus on an ephemeral loopback port, nothing exported. */
public final class ScrapedTelemetry {
  private ScrapedTelemetry() {}

  public static Telemetry start(String service) {
    return Telemetry.configure(TelemetrySettings.forService(service).withMetrics("127.0.0.1", 0)
        .withProperties(Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none")));
  }
}
