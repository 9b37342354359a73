package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.PlatformBackends;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.backend.pytorch.PyTorchBackend;
import dev.convoy.server.backend.pytorch.PyTorchSettings;
import dev.convoy.server.model.Platform;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU pool's pod, served for real on loopback: the repository its init container builds
 * loads, the health services its probes ask are SERVING, and /metrics has the series the
 * prometheus-adapter rule turns into the autoscalers' metric.
 */
class ServingContractTest {
  private static final Map<String, String> QUIET = Map.of(
      "otel.traces.exporter", "none", "otel.metrics.exporter", "none", "otel.logs.exporter", "none");

  @TempDir
  static Path work;
  private static Container pod;
  private static Telemetry telemetry;
  private static InferenceServer server;
  private static ManagedChannel channel;

  @BeforeAll
  static void servePool() {
    Rendered base = Rendered.of("base");
    ConvoyContainer cpuPool = ModelPoolTest.servers(base).stream()
        .filter(s -> s.workload().name().equals("convoy-server-cpu")).findFirst().orElseThrow();
    pod = cpuPool.container();
    Path repository = PoolRepository.build(base, cpuPool.workload(), work);
    telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-server").withMetrics("127.0.0.1", 0)
        .withProperties(QUIET));
    server = InferenceServer.start(ServerOptions.loopback(repository), backends(), Clock.systemUTC(),
        telemetry.openTelemetry());
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.close();
    }
    if (telemetry != null) {
      telemetry.close();
    }
  }

  @Test
  void probes_askHealthServicesTheLoadedServerServes() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    for (var probe : Pods.probes(pod).entrySet()) {
      String service = Optional.ofNullable(probe.getValue().getGrpc().getService()).orElse("");
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
          .as(probe.getKey() + " service '" + service + "'").isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void adapterRule_readsSeriesTheServerExports_andServesTheAutoscalersMetric() throws Exception {
    GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(digitsRow());
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + telemetry.metricsPort().orElseThrow() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    AdapterRule rule = AdapterRule.shipped();

    assertThat(rule.seriesRead()).isNotEmpty();
    for (String series : rule.seriesRead()) {
      assertThat(metrics).as("/metrics of the pool's server").containsPattern("(?m)^" + series + "\\{[^}]*model=\"digits_mlp\"");
    }
    for (String overlay : Rendered.kustomizations()) {
      assertThat(Rendered.of(overlay).all(HorizontalPodAutoscaler.class)).as(overlay).isNotEmpty()
          .allSatisfy(h -> assertThat(h.getSpec().getMetrics()).singleElement()
              .satisfies(m -> assertThat(m.getPods().getMetric().getName()).isEqualTo(rule.metricName())));
    }
  }

  /** What Main runs: ONNX Runtime and DJL's PyTorch engine, no GPU. */
  private static ModelBackend backends() {
    Map<Platform, java.util.function.Supplier<ModelBackend>> factories = Map.of(
        Platform.ONNX, () -> new OnnxRuntimeBackend(System::nanoTime),
        Platform.PYTORCH, () -> new PyTorchBackend(new PyTorchSettings(Optional.empty(), 1), System::nanoTime));
    return new PlatformBackends(factories, () -> 0);
  }

  private static ModelInferRequest digitsRow() {
    ByteBuffer raw = ByteBuffer.allocate(64 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("digits_mlp");
    request.addInputsBuilder().setName("input").setDatatype("FP32").addShape(1).addShape(64);
    return request.addRawInputContents(ByteString.copyFrom(raw.array())).build();
  }
}
