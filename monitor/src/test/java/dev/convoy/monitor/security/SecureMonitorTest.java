package dev.convoy.monitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.monitor.MonitorOptions;
import dev.convoy.monitor.MonitorServer;
import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.monitor.v1.GetReferenceRequest;
import dev.convoy.proto.monitor.v1.MonitorAdminGrpc;
import dev.convoy.proto.monitor.v1.MonitorIngestGrpc;
import dev.convoy.proto.monitor.v1.SubmitLabelsRequest;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.auth.Access;
import dev.convoy.security.auth.EndpointGroup;
import dev.convoy.security.testing.TestPki;
import dev.convoy.security.testing.TestTokens;
import dev.convoy.security.tls.ReloadingTls;
import dev.convoy.security.tls.TlsCredentials;
import dev.convoy.security.tls.TlsCredentials.ClientTls;
import dev.convoy.security.tls.TlsFiles;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.prometheus.MetricsAccess;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.util.AdvancedTlsX509TrustManager.Verification;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS (server certificate only) and tokens on the monitor's gRPC port, its dashboard and a /metrics endpoint. */
class SecureMonitorTest {
  private static final String POLICY = """
      {
        "roles": {
          "labeller": {"groups": ["monitor-labels"]},
          "analyst": {"groups": ["monitor-admin"]},
          "scraper": {"groups": ["metrics"]}
        },
        "principals": {
          "labels-job": {"roles": ["labeller"]},
          "analyst": {"roles": ["analyst"]},
          "prometheus": {"roles": ["scraper"]}
        }
      }
      """;

  @TempDir
  Path dir;

  private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor();
  private final TestTokens tokens = new TestTokens();
  private TestPki ca;
  private ServiceSecurity security;
  private MonitorServer monitor;
  private ClientTls clientTls;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws IOException {
    ca = TestPki.create(dir, "monitor");
    TestPki.Issued identity = ca.issue("monitor", "monitor.convoy.test");
    tokens.add("labels-job");
    tokens.add("analyst");
    tokens.add("prometheus");
    Path tokensFile = tokens.write(dir.resolve("tokens.txt"));
    security = ServiceSecurity.open(new TlsFiles(Optional.of(identity.certificate()), Optional.of(identity.key()),
        Optional.empty()), Optional.of(Files.writeString(dir.resolve("policy.json"), POLICY)), Optional.of(tokensFile),
        false, reloads, () -> { });
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(50), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    monitor = MonitorServer.start(new MonitorOptions("127.0.0.1", 0, 0, dir.resolve("db"), engine, Map.of(),
        Optional.empty(), Duration.ofSeconds(1)), OpenTelemetry.noop(), () -> System.currentTimeMillis() * 1_000_000,
        security);
    clientTls = TlsCredentials.client(new TlsFiles(Optional.empty(), Optional.empty(), Optional.of(ca.caFile())),
        reloads);
    channel = Grpc.newChannelBuilderForAddress("localhost", monitor.port(), clientTls.credentials()).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    monitor.close();
    security.close();
    clientTls.close();
    reloads.shutdownNow();
  }

  @Test
  void grpc_labellerToken_submitsLabelsButIsDeniedAdmin() {
    Channel labeller = as("labels-job");
    assertThat(MonitorIngestGrpc.newBlockingStub(labeller).withDeadlineAfter(10, TimeUnit.SECONDS)
        .submitLabels(SubmitLabelsRequest.getDefaultInstance())).isNotNull();
    assertThatThrownBy(() -> MonitorAdminGrpc.newBlockingStub(labeller).withDeadlineAfter(10, TimeUnit.SECONDS)
        .getReference(GetReferenceRequest.newBuilder().setModelName("m").setModelVersion("1").build()))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("PERMISSION_DENIED")
        .hasMessageContaining("'monitor-admin'");
  }

  @Test
  void grpc_noToken_isUnauthenticated() {
    assertThatThrownBy(() -> MonitorIngestGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .submitLabels(SubmitLabelsRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
            .isEqualTo(Status.Code.UNAUTHENTICATED));
  }

  @Test
  void dashboard_overHttps_needsTheMonitorAdminGroup() throws Exception {
    URI models = URI.create("https://localhost:" + monitor.httpPort() + "/api/models");
    assertThat(get(models, null).statusCode()).isEqualTo(401);
    assertThat(get(models, "labels-job").statusCode()).isEqualTo(403);
    HttpResponse<String> allowed = get(models, "analyst");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).contains("\"models\"");
  }

  @Test
  void metrics_overHttps_needsTheMetricsGroup() throws Exception {
    try (Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-test")
        .withMetrics("127.0.0.1", 0)
        .withMetricsAccess(new MetricsAccess(security.https(), security.httpAccess(EndpointGroup.METRICS))))) {
      URI metrics = URI.create("https://localhost:" + telemetry.metricsPort().getAsInt() + "/metrics");
      assertThat(get(metrics, null).statusCode()).isEqualTo(401);
      assertThat(get(metrics, "analyst").statusCode()).isEqualTo(403);
      assertThat(get(metrics, "prometheus").statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(URI uri, String principal) throws Exception {
    ReloadingTls trust = ReloadingTls.open(new TlsFiles(Optional.empty(), Optional.empty(), Optional.of(ca.caFile())),
        Verification.CERTIFICATE_AND_HOST_NAME_VERIFICATION, Duration.ofMinutes(1), reloads);
    HttpClient client = HttpClient.newBuilder().sslContext(TlsCredentials.sslContext(trust)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (principal != null) {
      request.header("Authorization", "Bearer " + tokens.token(principal));
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      trust.close();
    }
  }

  private Channel as(String principal) {
    Metadata headers = new Metadata();
    headers.put(Access.AUTHORIZATION, "Bearer " + tokens.token(principal));
    return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
