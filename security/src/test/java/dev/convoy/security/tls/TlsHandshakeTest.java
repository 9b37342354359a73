package dev.convoy.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.security.testing.TestPki;
import dev.convoy.testing.FakeClock;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.util.AdvancedTlsX509TrustManager.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Netty on loopback: which certificates a mutual-TLS server takes, and rotation without restart. */
class TlsHandshakeTest {
  private static final Duration PERIOD = Duration.ofMinutes(1);

  @TempDir
  Path dir;

  private final FakeClock clock = new FakeClock();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private TestPki ca;
  private TestPki.Issued serverFiles;
  private Server server;

  @BeforeEach
  void startServer() throws IOException {
    ca = TestPki.create(dir, "main");
    serverFiles = ca.issue("server", "server.test");
    ReloadingTls tls = ReloadingTls.open(new TlsFiles(Optional.of(serverFiles.certificate()),
        Optional.of(serverFiles.key()), Optional.of(ca.caFile())), Verification.CERTIFICATE_ONLY_VERIFICATION,
        PERIOD, clock);
    closing.add(tls);
    HealthStatusManager health = new HealthStatusManager();
    server = Grpc.newServerBuilderForPort(0, TlsCredentials.server(tls)).addService(health.getHealthService())
        .build().start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void handshake_clientCertificateFromTrustedCa_isServed() {
    TestPki.Issued client = ca.issue("client", "app");
    assertThat(check(credentials(ca.caFile(), client))).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void handshake_noClientCertificate_isRefused() {
    assertThatThrownBy(() -> check(credentials(ca.caFile(), null))).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void handshake_expiredClientCertificate_isRefused() {
    Instant now = Instant.now();
    TestPki.Issued expired = ca.issue("expired", "app", now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)));
    assertThatThrownBy(() -> check(credentials(ca.caFile(), expired))).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void handshake_selfSignedClientCertificate_isRefused() {
    TestPki.Issued self = TestPki.selfSigned(dir, "self", "app");
    assertThatThrownBy(() -> check(credentials(ca.caFile(), self))).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void handshake_clientCertificateFromAnotherCa_isRefused() {
    TestPki other = TestPki.create(dir, "other");
    TestPki.Issued client = other.issue("foreign", "app");
    assertThatThrownBy(() -> check(credentials(ca.caFile(), client))).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void handshake_serverNotTrustedByClient_isRefused() {
    TestPki other = TestPki.create(dir, "other");
    TestPki.Issued client = ca.issue("client", "app");
    assertThatThrownBy(() -> check(credentials(other.caFile(), client))).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE");
  }

  @Test
  void reload_serverCertificateRewritten_newConnectionsGetTheNewOne() throws IOException {
    TestPki next = TestPki.create(dir, "next");
    TestPki.Issued client = ca.issue("client", "app");
    ChannelCredentials trustsNext = credentials(next.caFile(), client);
    assertThatThrownBy(() -> check(trustsNext)).isInstanceOf(StatusRuntimeException.class);

    TestPki.Issued rotated = next.issue("rotated", "server.test");
    replace(rotated.certificate(), serverFiles.certificate());
    replace(rotated.key(), serverFiles.key());
    clock.advance(PERIOD);

    assertThat(check(trustsNext)).isEqualTo(ServingStatus.SERVING);
    assertThatThrownBy(() -> check(credentials(ca.caFile(), client))).isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void reload_clientCaRewritten_acceptsClientsOfTheNewCa() throws IOException {
    TestPki next = TestPki.create(dir, "next");
    TestPki.Issued newClient = next.issue("new-client", "app");
    // What clients trust the server by: its certificate still chains to the first CA.
    Path serverCa = Files.copy(ca.caFile(), dir.resolve("server-ca.pem"));
    assertThatThrownBy(() -> check(credentials(serverCa, newClient))).isInstanceOf(StatusRuntimeException.class);

    replace(next.caFile(), ca.caFile());
    clock.advance(PERIOD);

    assertThat(check(credentials(serverCa, newClient))).isEqualTo(ServingStatus.SERVING);
  }

  /** Rewrites {@code to} with a later modification time, as a certificate renewal would. */
  private static void replace(Path from, Path to) throws IOException {
    FileTime before = Files.getLastModifiedTime(to);
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(to, FileTime.fromMillis(before.toMillis() + 10_000));
  }

  private ChannelCredentials credentials(Path trustedCa, TestPki.Issued identity) {
    TlsFiles files = new TlsFiles(Optional.ofNullable(identity).map(TestPki.Issued::certificate),
        Optional.ofNullable(identity).map(TestPki.Issued::key), Optional.of(trustedCa));
    TlsCredentials.ClientTls tls = TlsCredentials.client(files, clock);
    closing.add(tls);
    return tls.credentials();
  }

  private ServingStatus check(ChannelCredentials credentials) {
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.getPort(), credentials).build();
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    } finally {
      channel.shutdownNow();
    }
  }
}
