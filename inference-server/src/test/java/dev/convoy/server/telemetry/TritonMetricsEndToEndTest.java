package dev.convoy.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convoy.proto.inference.InferStatistics;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStatistics;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.server.SampleModels;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.testing.PrometheusText;
import dev.convoy.telemetry.testing.Promtool;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triton's metric families on the server's /metrics: from load at 0, then as it serves. */
class TritonMetricsEndToEndTest {
  private static final List<String> COUNTERS = List.of("nv_inference_request_success", "nv_inference_request_failure",
      "nv_inference_count", "nv_inference_exec_count", "nv_inference_request_duration_us",
      "nv_inference_queue_duration_us", "nv_inference_compute_input_duration_us",
      "nv_inference_compute_infer_duration_us", "nv_inference_compute_output_duration_us");
  private static final String[] DIGITS_V1 = {"model", "digits_mlp", "version", "1"};

  @TempDir Path repository;
  private Telemetry telemetry;
  private TracedStack stack;
  private AutoCloseable exposed;

  @BeforeEach
  void start() {
    SampleModels.copy(repository, "digits_mlp");
    telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server").withMetrics("127.0.0.1", 0)
        .withProperties(Map.of("otel.traces.exporter", "none")));
    stack = new TracedStack(repository, new OnnxRuntimeBackend(System::nanoTime), telemetry.openTelemetry());
    exposed = telemetry.expose(stack.server.tritonMetrics());
  }

  @AfterEach
  void stop() throws Exception {
    exposed.close();
    stack.close();
    telemetry.close();
  }

  @Test
  void scrape_beforeAnyRequest_showsEveryFamilyAtZeroForTheLoadedVersion() throws Exception {
    PrometheusText.Exposition scraped = PrometheusText.scrape(port());

    for (String family : COUNTERS) {
      assertThat(scraped.type(family)).as(family).isEqualTo("untyped");
      assertThat(scraped.value(family, DIGITS_V1)).as(family).isZero();
      assertThat(scraped.samples(family)).allSatisfy(sample ->
          assertThat(sample.labels().keySet()).containsExactlyInAnyOrder("model", "version"));
    }
    assertThat(scraped.type(TritonMetrics.PENDING)).isEqualTo("gauge");
    assertThat(scraped.value(TritonMetrics.PENDING, DIGITS_V1)).isZero();
    assertThat(scraped.value("convoy_inference_requests_total", "model", "digits_mlp", "version", "1",
        "status", "OK")).as("Convoy's own counter, from load").isZero();
    assertThat(scraped.value("convoy_instance_busy_seconds_total", "model", "digits_mlp", "model_instance", "0"))
        .isZero();
  }

  @Test
  void scrape_afterRequests_agreesWithModelStatistics() throws Exception {
    for (int i = 0; i < 3; i++) {
      stack.stub().modelInfer(TracedStack.digits("digits_mlp", "ok-" + i));
    }
    ModelInferRequest good = TracedStack.digits("digits_mlp", "bad");
    ModelInferRequest wrongType = good.toBuilder()
        .setInputs(0, good.getInputs(0).toBuilder().setDatatype("INT32")).build();
    assertThatThrownBy(() -> stack.stub().modelInfer(wrongType)).isInstanceOf(StatusRuntimeException.class);

    PrometheusText.Exposition scraped = PrometheusText.scrape(port());
    ModelStatistics stats = stack.stub().modelStatistics(ModelStatisticsRequest.newBuilder()
        .setName("digits_mlp").build()).getModelStats(0);
    InferStatistics infer = stats.getInferenceStats();

    assertThat(scraped.value("nv_inference_request_success", DIGITS_V1)).isEqualTo(3.0);
    assertThat(scraped.value("nv_inference_request_failure", DIGITS_V1)).isEqualTo(1.0);
    assertThat(scraped.value("nv_inference_count", DIGITS_V1)).isEqualTo(3.0);
    assertThat(scraped.value("nv_inference_exec_count", DIGITS_V1)).isEqualTo(stats.getExecutionCount());
    assertThat(scraped.value("nv_inference_request_duration_us", DIGITS_V1))
        .isEqualTo(infer.getSuccess().getNs() / 1000).isPositive();
    assertThat(scraped.value("nv_inference_queue_duration_us", DIGITS_V1)).isEqualTo(infer.getQueue().getNs() / 1000);
    assertThat(scraped.value("nv_inference_compute_input_duration_us", DIGITS_V1))
        .isEqualTo(infer.getComputeInput().getNs() / 1000);
    assertThat(scraped.value("nv_inference_compute_infer_duration_us", DIGITS_V1))
        .isEqualTo(infer.getComputeInfer().getNs() / 1000).isPositive();
    assertThat(scraped.value("nv_inference_compute_output_duration_us", DIGITS_V1))
        .isEqualTo(infer.getComputeOutput().getNs() / 1000);
    assertThat(infer.getComputeInput().getNs()).as("input phase measured in the backend").isPositive();
    assertThat(infer.getComputeOutput().getNs()).as("output phase measured in the backend").isPositive();
  }

  @Test
  void promtool_flagsOnlyTritonsOwnNames() throws Exception {
    Optional<Promtool> promtool = Promtool.onPath();
    assumeTrue(promtool.isPresent(), Promtool.MISSING);
    stack.stub().modelInfer(TracedStack.digits("digits_mlp", "one"));
    String exposition = PrometheusText.fetch(port());
    List<String> triton = stack.server.tritonMetrics().getPrometheusNames();

    Promtool.Verdict all = promtool.get().checkMetrics(exposition);
    Promtool.Verdict convoy = promtool.get().checkMetrics(without(exposition, triton));

    assertThat(all.problems()).isNotEmpty().allSatisfy(problem ->
        assertThat(triton).as(problem).contains(problem.substring(0, problem.indexOf(' '))));
    assertThat(all.problems()).allSatisfy(problem -> assertThat(problem)
        .containsAnyOf("should not contain abbreviated units", "should not have \"_count\" suffix"));
    assertThat(convoy.problems()).as("everything but Triton's names").isEmpty();
    assertThat(convoy.exitCode()).isZero();
  }

  private int port() {
    return telemetry.metricsPort().getAsInt();
  }

  /** The exposition less the lines of {@code families}. */
  private static String without(String exposition, List<String> families) {
    return exposition.lines().filter(line -> families.stream().noneMatch(family ->
        line.startsWith(family + "{") || line.startsWith(family + " ") || line.startsWith("# HELP " + family + " ")
            || line.startsWith("# TYPE " + family + " "))).collect(Collectors.joining("\n", "", "\n"));
  }
}
