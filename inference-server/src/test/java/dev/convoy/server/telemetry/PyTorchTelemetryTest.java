package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.testing.PrometheusText;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TorchScript model is measured as an ONNX one is: ModelStatistics and /metrics. */
class PyTorchTelemetryTest {
  private static final String MODEL = "digits_mlp_pt";
  @TempDir Path repository;
  private Telemetry telemetry;
  private TracedStack stack;

  @BeforeEach
  void start() {
    SampleModels.copy(repository, MODEL);
    telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server").withMetrics("127.0.0.1", 0)
        .withProperties(Map.of("otel.traces.exporter", "none", "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none")));
    stack = new TracedStack(repository, SampleModels.backends(), telemetry.openTelemetry());
  }

  @AfterEach
  void stop() throws InterruptedException {
    stack.close();
    telemetry.close();
  }

  @Test
  void infer_torchScript_countedInStatisticsAndMetrics() throws Exception {
    for (int i = 0; i < 3; i++) {
      stack.stub().modelInfer(TracedStack.digits(MODEL, "pt-" + i));
    }

    ModelStatistics statistics = stack.stub().modelStatistics(ModelStatisticsRequest.newBuilder().setName(MODEL).build())
        .getModelStats(0);
    assertThat(statistics.getInferenceCount()).isEqualTo(3);
    assertThat(statistics.getExecutionCount()).isEqualTo(3);
    assertThat(statistics.getInferenceStats().getComputeInfer().getNs()).isPositive();
    assertThat(statistics.getInferenceStats().getComputeInput().getCount()).isEqualTo(3);

    PrometheusText.Exposition scraped = PrometheusText.scrape(telemetry.metricsPort().getAsInt());
    assertThat(scraped.value("convoy_inference_requests_total", "model", MODEL, "status", "OK")).isEqualTo(3.0);
    assertThat(scraped.value("convoy_batch_size_count", "model", MODEL, "version", "1")).isEqualTo(3.0);
    assertThat(scraped.value("convoy_instance_busy_seconds_total", "model", MODEL, "model_instance", "0",
        "device", "cpu")).isPositive();
  }
}
