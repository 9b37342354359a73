package dev.convoy.router.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.proto.inference.GRPCInferenceServiceGrpc;
import dev.convoy.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.convoy.proto.inference.ModelConfigRequest;
import dev.convoy.proto.inference.ModelInferRequest;
import dev.convoy.proto.inference.ModelStatisticsRequest;
import dev.convoy.proto.inference.RepositoryModelUnloadRequest;
import dev.convoy.proto.inference.ServerLiveRequest;
import dev.convoy.proto.inference.ServerMetadataRequest;
import dev.convoy.proto.router.ListBackendsRequest;
import dev.convoy.proto.router.RouterAdminGrpc;
import dev.convoy.router.Router;
import dev.convoy.router.RouterEnvironment;
import dev.convoy.router.RouterSecurity;
import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.Settings;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.auth.Access;
import dev.convoy.security.testing.TestPki;
import dev.convoy.security.testing.TestTokens;
import dev.convoy.security.tls.TlsCredentials;
import dev.convoy.security.tls.TlsCredentials.ClientTls;
import dev.convoy.security.tls.TlsFiles;
import dev.convoy.server.InferenceServer;
import dev.convoy.server.ServerOptions;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.sampling.Sampler;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client -> router -> server over mutual TLS with bearer tokens, on real Netty: every role
 * against every endpoint group, called on the server directly and through the router, from
 * one access policy file both read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureStackTest {
  private static final String POLICY = """
      {
        "tokensFile": "tokens.txt",
        "roles": {
          "application": {"groups": ["inference", "metadata", "health"]},
          "data-scientist": {"groups": ["model-repository", "model-config", "statistics", "metadata", "health"]},
          "operator": {"groups": ["router-admin", "statistics", "metrics"]},
          "router": {"groups": ["router", "health", "metadata"]}
        },
        "principals": {
          "app": {"roles": ["application"]},
          "scientist": {"roles": ["data-scientist"]},
          "operator": {"roles": ["operator"]},
          "nobody": {"roles": []},
          "cert-app.convoy.test": {"roles": ["application"]},
          "router.convoy.test": {"roles": ["router"]}
        }
      }
      """;
  /** A call per endpoint group; "allowed" is any answer but UNAUTHENTICATED or PERMISSION_DENIED. */
  private static final Map<String, Function<Channel, Object>> CALLS = Map.of(
      "health", c -> inference(c).serverLive(ServerLiveRequest.getDefaultInstance()),
      "metadata", c -> inference(c).serverMetadata(ServerMetadataRequest.getDefaultInstance()),
      "inference", c -> inference(c).modelInfer(ModelInferRequest.newBuilder().setModelName("digits_mlp").build()),
      "model-config", c -> inference(c).modelConfig(ModelConfigRequest.newBuilder().setName("digits_mlp").build()),
      "statistics", c -> inference(c).modelStatistics(ModelStatisticsRequest.getDefaultInstance()),
      "model-repository", c -> inference(c).repositoryModelUnload(
          RepositoryModelUnloadRequest.newBuilder().setModelName("no_such_model").build()));
  private static final Map<String, Set<String>> GRANTED = Map.of(
      "app", Set.of("inference", "metadata", "health"),
      "scientist", Set.of("model-repository", "model-config", "statistics", "metadata", "health"),
      "operator", Set.of("statistics", "router-admin"),
      "nobody", Set.of());

  @TempDir
  static Path dir;

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor();
  private TestPki ca;
  private TestTokens tokens;
  private InferenceServer server;
  private Router router;

  @BeforeAll
  void startStack() throws IOException {
    ca = TestPki.create(dir, "convoy");
    tokens = new TestTokens();
    GRANTED.keySet().forEach(tokens::add);
    tokens.write(dir.resolve("tokens.txt"));
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);

    TestPki.Issued serverCert = ca.issue("server", "server.convoy.test");
    server = InferenceServer.start(ServerOptions.loopback(Servers.repository(dir.resolve("models"), "digits_mlp")),
        new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(), OpenTelemetry.noop(), Sampler.disabled(),
        security(serverCert, policy));
    closing.add(server);

    TestPki.Issued routerCert = ca.issue("router", "router.convoy.test");
    ClientTls backendTls = TlsCredentials.client(new TlsFiles(Optional.of(routerCert.certificate()),
        Optional.of(routerCert.key()), Optional.of(ca.caFile())), reloads);
    router = Router.start(ConfigParser.parse(Settings.parse("""
        host = 127.0.0.1
        port = 0
        probe.interval = 1h
        probe.timeout = 10s
        threads = 4
        shutdown.grace = 5s
        backend = 127.0.0.1:%d
        """.formatted(server.port()), "test")), RouterEnvironment.system(), OpenTelemetry.noop(),
        new RouterSecurity(security(ca.issue("router-listener", "router.convoy.test"), policy),
            backendTls.credentials()));
    closing.add(0, router);
    closing.add(backendTls);
  }

  @AfterAll
  void stopStack() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    reloads.shutdownNow();
  }

  @Test
  void router_withAuthOnBackends_probesThemHealthy() {
    assertThat(router.backends()).singleElement().satisfies(b -> assertThat(b.state().name()).isEqualTo("HEALTHY"));
  }

  @Test
  void matrix_directToServer_allowsExactlyTheGrantedGroups() {
    ManagedChannel channel = channel(server.port(), "cert-app.convoy.test");
    for (String principal : GRANTED.keySet()) {
      CALLS.forEach((group, call) -> assertAllowed(call, authorized(channel, principal), principal, group, "server"));
    }
  }

  @Test
  void matrix_throughRouter_allowsExactlyTheGrantedGroups() {
    ManagedChannel channel = channel(router.port(), "cert-app.convoy.test");
    for (String principal : GRANTED.keySet()) {
      CALLS.forEach((group, call) -> assertAllowed(call, authorized(channel, principal), principal, group, "router"));
      Function<Channel, Object> admin = c -> RouterAdminGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS)
          .listBackends(ListBackendsRequest.getDefaultInstance());
      assertAllowed(admin, authorized(channel, principal), principal, "router-admin", "router");
    }
  }

  @Test
  void certificateOnly_principalFromItsSan_getsItsRoles() {
    for (int port : new int[] {server.port(), router.port()}) {
      Channel channel = channel(port, "cert-app.convoy.test");
      assertThat(inference(channel).serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
      assertThatThrownBy(() -> CALLS.get("statistics").apply(channel))
          .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("PERMISSION_DENIED")
          .hasMessageContaining("'statistics'");
    }
  }

  @Test
  void unknownCertificatePrincipal_isDeniedEverything() {
    Channel channel = channel(server.port(), "stranger.convoy.test");
    assertThatThrownBy(() -> CALLS.get("health").apply(channel)).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("PERMISSION_DENIED");
  }

  @Test
  void forwardedPrincipal_fromTheRoutersCertificate_isTakenAndFromAnotherIsRefused() {
    Metadata forwarded = new Metadata();
    forwarded.put(Access.FORWARDED_PRINCIPAL, "scientist");
    Channel asRouter = channel(server.port(), "router.convoy.test");
    assertAllowed(CALLS.get("model-config"), withHeaders(asRouter, forwarded), "scientist via router", "model-config",
        "server");
    Channel asApp = channel(server.port(), "cert-app.convoy.test");
    assertThatThrownBy(() -> CALLS.get("health").apply(withHeaders(asApp, forwarded)))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("PERMISSION_DENIED")
        .hasMessageContaining("'router'");
  }

  @Test
  void invalidToken_isUnauthenticatedAtServerAndRouter() {
    for (int port : new int[] {server.port(), router.port()}) {
      Metadata headers = new Metadata();
      headers.put(Access.AUTHORIZATION, "Bearer " + "f".repeat(64));
      Channel channel = withHeaders(channel(port, "cert-app.convoy.test"), headers);
      assertThatThrownBy(() -> CALLS.get("health").apply(channel)).isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("UNAUTHENTICATED");
    }
  }

  @Test
  void inference_throughRouterOverMutualTls_isAnswered() {
    Channel channel = authorized(channel(router.port(), "cert-app.convoy.test"), "app");
    assertThat(inference(channel).modelInfer(Requests.digitsMlp()).getModelName()).isEqualTo("digits_mlp");
  }

  private void assertAllowed(Function<Channel, Object> call, Channel channel, String principal, String group,
      String via) {
    boolean expected = GRANTED.get(principal.split(" ")[0]).contains(group);
    Status.Code code;
    try {
      call.apply(channel);
      code = Status.Code.OK;
    } catch (StatusRuntimeException e) {
      code = e.getStatus().getCode();
    }
    boolean refused = code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED;
    assertThat(!refused).as("%s calling %s on the %s: %s", principal, group, via, code).isEqualTo(expected);
    if (!expected) {
      assertThat(code).as("%s calling %s on the %s", principal, group, via).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
  }

  private ServiceSecurity security(TestPki.Issued identity, Path policy) {
    ServiceSecurity security = ServiceSecurity.open(new TlsFiles(Optional.of(identity.certificate()),
        Optional.of(identity.key()), Optional.of(ca.caFile())), Optional.of(policy), Optional.empty(), true, reloads,
        () -> { });
    closing.add(security);
    return security;
  }

  private ManagedChannel channel(int port, String certificatePrincipal) {
    TestPki.Issued identity = ca.issue("client-" + certificatePrincipal, certificatePrincipal);
    ClientTls tls = TlsCredentials.client(new TlsFiles(Optional.of(identity.certificate()), Optional.of(identity.key()),
        Optional.of(ca.caFile())), reloads);
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", port, tls.credentials()).build();
    closing.add(0, channel::shutdownNow);
    closing.add(tls);
    return channel;
  }

  private Channel authorized(Channel channel, String principal) {
    Metadata headers = new Metadata();
    headers.put(Access.AUTHORIZATION, "Bearer " + tokens.token(principal));
    return withHeaders(channel, headers);
  }

  private static Channel withHeaders(Channel channel, Metadata headers) {
    return io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static GRPCInferenceServiceBlockingStub inference(Channel channel) {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
  }
}
