package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.convoy.router.RouterEnvironment;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.gpu.GpuMetrics;
import dev.convoy.server.gpu.GpuSample;
import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.testing.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in gpu-images/grafana reads only what the services export: every
 * metric its PromQL expressions name is among the samples a server (with a GPU sampled) and a
 * router in front of it serve on /metrics after a request.
 */
class GrafanaDashboardTest {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right", "bool", "and", "or", "unless", "offset");

  @TempDir Path repository;

  @Test
  void everyExpression_namesMetricsTheServicesExport() throws Exception {
    List<String> expressions = expressions(Servers.sampleModels().resolveSibling("gpu-images/grafana/convoy-dashboard.json"));
    Set<String> exported = exported();

    assertThat(expressions).hasSizeGreaterThan(10);
    Set<String> named = new LinkedHashSet<>();
    for (String expression : expressions) {
      List<String> metrics = metricNames(expression);
      assertThat(metrics).as(expression).isNotEmpty();
      assertThat(exported).as("metrics of %s", expression).containsAll(metrics);
      named.addAll(metrics);
    }
    assertThat(named).contains("convoy_inference_requests_total", "convoy_request_duration_seconds_bucket",
        "convoy_queue_duration_seconds_bucket", "convoy_batch_size_sum", "nv_inference_request_failure",
        "nv_inference_pending_request_count", "nv_gpu_utilization", "convoy_router_requests_total");
  }

  @Test
  void metricNames_leaveOutFunctionsLabelsRangesAndVariables() {
    assertThat(metricNames("histogram_quantile(0.99, sum by (le, model) (rate(convoy_request_duration_seconds_bucket"
        + "{model=~\"$model\", status!=\"OK\"}[$__rate_interval]))) / on (model) nv_inference_count"))
        .containsExactly("convoy_request_duration_seconds_bucket", "nv_inference_count");
  }

  /** The sample names a server and a router serve after one request routed through them. */
  private Set<String> exported() throws Exception {
    Map<String, String> noTraces = Map.of("otel.traces.exporter", "none");
    Servers.repository(repository, "digits_mlp");
    try (Telemetry serverTelemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server")
            .withMetrics("127.0.0.1", 0).withProperties(noTraces));
        Telemetry routerTelemetry = Telemetry.configure(TelemetrySettings.forService("convoy-router")
            .withMetrics("127.0.0.1", 0).withProperties(noTraces));
        InferenceServer server = InferenceServer.start(ServerOptions.loopback(repository),
            new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(), serverTelemetry.openTelemetry());
        AutoCloseable triton = serverTelemetry.expose(server.tritonMetrics());
        GpuMetrics gpu = GpuMetrics.start(serverTelemetry.openTelemetry().getMeter(ServerTelemetry.SCOPE),
            () -> Optional.of(List.of(new GpuSample(0, "GPU-0", 0.5, 1L << 30, 1L << 34))), Duration.ofHours(1))
            .orElseThrow();
        RouterUnderTest router = new RouterUnderTest("backend = 127.0.0.1:" + server.port() + "\n",
            RouterEnvironment.system(), routerTelemetry.openTelemetry())) {
      router.stub().modelInfer(Requests.digitsMlp());
      Set<String> names = new HashSet<>();
      for (Telemetry telemetry : List.of(serverTelemetry, routerTelemetry)) {
        PrometheusText.scrape(telemetry.metricsPort().getAsInt()).samples().forEach(s -> names.add(s.name()));
      }
      return names;
    }
  }

  private static List<String> expressions(Path dashboard) throws Exception {
    List<String> expressions = new ArrayList<>();
    collect(JsonParser.parseString(Files.readString(dashboard)), expressions);
    return expressions;
  }

  /** Every target's {@code expr}, anywhere in the dashboard (panels, rows, nested panels). */
  private static void collect(JsonElement element, List<String> expressions) {
    if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(child -> collect(child, expressions));
    } else if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      if (object.has("expr")) {
        expressions.add(object.get("expr").getAsString());
      }
      object.entrySet().forEach(entry -> collect(entry.getValue(), expressions));
    }
  }

  /** The metric names a PromQL expression reads: identifiers that are not functions, labels or keywords. */
  static List<String> metricNames(String expression) {
    String bare = expression
        .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
        .replaceAll("\\$\\w+", " ");
    List<String> names = new ArrayList<>();
    Matcher matcher = IDENTIFIER.matcher(bare);
    while (matcher.find()) {
      String name = matcher.group();
      boolean function = bare.substring(matcher.end()).stripLeading().startsWith("(");
      boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
      if (!function && !number && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
