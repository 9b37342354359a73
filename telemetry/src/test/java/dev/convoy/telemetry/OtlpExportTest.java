package dev.convoy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.telemetry.testing.OtlpReceiver;
import dev.convoy.telemetry.testing.OtlpReceiver.ReceivedSpan;
import io.grpc.Metadata;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans leave over the wire to a real OTLP receiver on loopback, configured the way an SRE
 * configures them ({@code OTEL_EXPORTER_OTLP_*}, here as the equivalent properties). Closing
 * the telemetry flushes, so no waiting is needed.
 */
class OtlpExportTest {
  private OtlpReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void configure_otlpGrpc_spansArriveWithTheServiceName() {
    Map<String, String> properties = properties("otel.exporter.otlp.endpoint", receiver.grpcEndpoint(),
        "otel.exporter.otlp.protocol", "grpc", "otel.exporter.otlp.headers", "x-tenant=convoy");

    sendOneSpan(TelemetrySettings.forService("convoy-test").withProperties(properties));

    assertThat(receiver.spans()).singleElement().satisfies(span -> {
      assertThat(span.name()).isEqualTo("convoy.test");
      assertThat(span.service()).isEqualTo("convoy-test");
      assertThat(span.attribute("convoy.model")).isEqualTo("digits_mlp");
    });
    assertThat(receiver.grpcHeaders()).first()
        .extracting(h -> h.get(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("convoy");
  }

  @Test
  void configure_otlpGrpcGzip_spansArrive() {
    Map<String, String> properties = properties("otel.exporter.otlp.endpoint", receiver.grpcEndpoint(),
        "otel.exporter.otlp.protocol", "grpc", "otel.exporter.otlp.compression", "gzip");

    sendOneSpan(TelemetrySettings.forService("convoy-test").withProperties(properties));

    assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("convoy.test");
    assertThat(receiver.grpcHeaders()).first()
        .extracting(h -> h.get(Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("gzip");
  }

  @Test
  void configure_otlpHttpProtobuf_spansArriveThroughTheJdkClient() {
    Map<String, String> properties = properties("otel.exporter.otlp.endpoint", receiver.httpEndpoint(),
        "otel.exporter.otlp.protocol", "http/protobuf", "otel.service.name", "edge-server");

    sendOneSpan(TelemetrySettings.forService("convoy-test").withProperties(properties));

    assertThat(receiver.spans()).singleElement().satisfies(span -> {
      assertThat(span.name()).isEqualTo("convoy.test");
      assertThat(span.service()).isEqualTo("edge-server");
    });
    assertThat(receiver.httpContentTypes()).containsOnly("application/x-protobuf");
  }

  private static void sendOneSpan(TelemetrySettings settings) {
    try (Telemetry telemetry = Telemetry.configure(settings)) {
      assertThat(telemetry.tracing()).isTrue();
      Tracer tracer = telemetry.openTelemetry().getTracer("test");
      Span span = tracer.spanBuilder("convoy.test").setAttribute("convoy.model", "digits_mlp").startSpan();
      span.end();
    }
  }

  private static Map<String, String> properties(String... pairs) {
    Map<String, String> properties = new HashMap<>(Map.of(
        "otel.metrics.exporter", "none", "otel.logs.exporter", "none", "otel.bsp.schedule.delay", "10"));
    for (int i = 0; i < pairs.length; i += 2) {
      properties.put(pairs[i], pairs[i + 1]);
    }
    return properties;
  }
}
