package dev.convoy.telemetry.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpSinkTest {
  @Test
  void export_toTheSink_isAcknowledgedAndCounted() throws Exception {
    try (OtlpSink sink = OtlpSink.start()) {
      Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-test").withProperties(Map.of(
          "otel.exporter.otlp.endpoint", sink.endpoint(), "otel.exporter.otlp.protocol", "grpc",
          "otel.metrics.exporter", "none", "otel.logs.exporter", "none")));
      try (telemetry) {
        telemetry.openTelemetry().getTracer("test").spanBuilder("convoy.test").startSpan().end();
      }

      assertThat(sink.requests()).isEqualTo(1);
      assertThat(sink.bytes()).isPositive();
    }
  }
}
