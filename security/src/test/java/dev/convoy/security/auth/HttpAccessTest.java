package dev.convoy.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpsServer;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.testing.TestPki;
import dev.convoy.security.tls.ReloadingTls;
import dev.convoy.security.tls.TlsCredentials;
import dev.convoy.security.tls.TlsFiles;
import dev.convoy.testing.FakeClock;
import io.grpc.util.AdvancedTlsX509TrustManager.Verification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS endpoint under mutual TLS: the client certificate's principal is the caller. */
class HttpAccessTest {
  @TempDir
  Path dir;

  private final FakeClock clock = new FakeClock();
  private TestPki ca;
  private ServiceSecurity security;
  private HttpsServer server;

  @BeforeEach
  void start() throws IOException {
    ca = TestPki.create(dir, "http");
    TestPki.Issued identity = ca.issue("server", "server.test");
    Path policy = Files.writeString(dir.resolve("policy.json"), """
        {"roles": {"scraper": {"groups": ["metrics"]}},
         "principals": {"prometheus.test": {"roles": ["scraper"]}}}
        """);
    security = ServiceSecurity.open(new TlsFiles(Optional.of(identity.certificate()), Optional.of(identity.key()),
        Optional.of(ca.caFile())), Optional.of(policy), Optional.empty(), true, clock, () -> { });
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(security.https().orElseThrow());
    HttpContext context = server.createContext("/metrics", exchange -> {
      byte[] body = ("hello " + exchange.getPrincipal().getUsername()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    context.setAuthenticator(security.httpAccess(EndpointGroup.METRICS).orElseThrow());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    security.close();
  }

  @Test
  void get_certificateInTheGroup_isServedAsItsPrincipal() throws Exception {
    HttpResponse<String> response = get(ca.issue("scraper", "prometheus.test"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello prometheus.test");
  }

  @Test
  void get_certificateOutsideTheGroup_isForbidden() throws Exception {
    assertThat(get(ca.issue("other", "app.test")).statusCode()).isEqualTo(403);
  }

  @Test
  void get_noCertificate_failsTheHandshake() {
    assertThatThrownBy(() -> get(null)).isInstanceOf(IOException.class);
  }

  private HttpResponse<String> get(TestPki.Issued identity) throws Exception {
    TlsFiles files = new TlsFiles(Optional.ofNullable(identity).map(TestPki.Issued::certificate),
        Optional.ofNullable(identity).map(TestPki.Issued::key), Optional.of(ca.caFile()));
    try (ReloadingTls tls = ReloadingTls.open(files, Verification.CERTIFICATE_AND_HOST_NAME_VERIFICATION,
        Duration.ofMinutes(1), clock)) {
      HttpClient client = HttpClient.newBuilder().sslContext(TlsCredentials.sslContext(tls)).build();
      return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.getAddress().getPort()
          + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
