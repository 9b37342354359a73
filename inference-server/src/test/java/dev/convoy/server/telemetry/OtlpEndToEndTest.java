package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.testing.OtlpReceiver;
import dev.convoy.telemetry.testing.OtlpReceiver.ReceivedSpan;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server configured as an SRE would (an OTLP endpoint), exporting to a real OTLP gRPC
 * receiver on loopback: its spans arrive over the wire under its service name. Closing the
 * server and then the telemetry flushes them, so nothing is awaited.
 */
class OtlpEndToEndTest {
  @TempDir Path repository;

  @Test
  void infer_otlpEndpointConfigured_serverSpansArriveAtTheCollector() throws Exception {
    SampleModels.copy(repository, "digits_mlp");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server").withProperties(Map.of(
          "otel.exporter.otlp.endpoint", receiver.grpcEndpoint(), "otel.exporter.otlp.protocol", "grpc",
          "otel.metrics.exporter", "none", "otel.logs.exporter", "none")));
      try (TracedStack stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime),
          telemetry.openTelemetry())) {
        stack.stub().modelInfer(TracedStack.digits("digits_mlp", "over-the-wire"));
      } finally {
        telemetry.close();
      }

      assertThat(receiver.spans()).extracting(ReceivedSpan::name).contains(
          "inference.GRPCInferenceService/ModelInfer", InferenceTracing.INFER, InferenceTracing.QUEUE,
          InferenceTracing.BATCH, InferenceTracing.COMPUTE);
      assertThat(receiver.spans()).extracting(ReceivedSpan::service).containsOnly("convoy-server");
      assertThat(receiver.spans()).extracting(s -> s.span().getTraceId()).as("one trace")
          .containsOnly(receiver.spans().get(0).span().getTraceId());
      assertThat(receiver.spans()).filteredOn(s -> s.name().equals(InferenceTracing.INFER)).singleElement()
          .satisfies(infer -> assertThat(infer.attribute("convoy.request.id")).isEqualTo("over-the-wire"));
    }
  }
}
