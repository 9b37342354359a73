package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.testing.PrometheusText;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests over loopback, then a scrape of {@code /metrics} parsed as strict Prometheus text. */
class MetricsEndToEndTest {
  @TempDir Path repository;
  private Telemetry telemetry;
  private TracedStack stack;

  @BeforeEach
  void start() {
    SampleModels.copy(repository, "digits_mlp");
    telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server").withMetrics("127.0.0.1", 0)
        .withProperties(Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none")));
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), telemetry.openTelemetry());
  }

  @AfterEach
  void stop() throws InterruptedException {
    stack.close();
    telemetry.close();
  }

  @Test
  void scrape_afterRequests_countsThemByModelVersionAndStatus() throws Exception {
    for (int i = 0; i < 3; i++) {
      stack.stub().modelInfer(TracedStack.digits("digits_mlp", "ok-" + i));
    }
    ModelInferRequest good = TracedStack.digits("digits_mlp", "bad");
    ModelInferRequest wrongType = good.toBuilder()
        .setInputs(0, good.getInputs(0).toBuilder().setDatatype("INT32")).build();
    assertThatThrownBy(() -> stack.stub().modelInfer(wrongType)).isInstanceOf(StatusRuntimeException.class);
    assertThatThrownBy(() -> stack.stub().modelInfer(TracedStack.digits("made_up", "x")))
        .isInstanceOf(StatusRuntimeException.class);

    PrometheusText.Exposition scraped = PrometheusText.scrape(telemetry.metricsPort().getAsInt());

    assertThat(scraped.type("convoy_inference_requests_total")).isEqualTo("counter");
    assertThat(scraped.value("convoy_inference_requests_total", "model", "digits_mlp", "version", "1", "status", "OK"))
        .isEqualTo(3.0);
    assertThat(scraped.value("convoy_inference_requests_total", "model", "digits_mlp", "status", "INVALID_ARGUMENT"))
        .isEqualTo(1.0);
    assertThat(scraped.value("convoy_inference_requests_total", "model", "", "version", "", "status", "NOT_FOUND"))
        .as("an unknown model is counted without its name").isEqualTo(1.0);
    assertThat(scraped.type("convoy_request_duration_seconds")).isEqualTo("histogram");
    assertThat(scraped.value("convoy_request_duration_seconds_count", "model", "digits_mlp", "status", "OK"))
        .isEqualTo(3.0);
    assertThat(scraped.value("convoy_queue_duration_seconds_count", "model", "digits_mlp", "version", "1"))
        .isEqualTo(3.0);
    assertThat(scraped.value("convoy_batch_size_count", "model", "digits_mlp", "version", "1")).isEqualTo(3.0);
    assertThat(scraped.value("convoy_batch_size_bucket", "model", "digits_mlp", "le", "1.0")).isEqualTo(3.0);
    assertThat(scraped.value("convoy_instance_busy_seconds_total",
        "model", "digits_mlp", "model_instance", "0", "device", "cpu")).isPositive();
    assertThat(scraped.value("convoy_queue_depth", "model", "digits_mlp", "version", "1")).isZero();
    assertThat(scraped.value("target_info", "service_name", "convoy-server")).isEqualTo(1.0);
  }
}
