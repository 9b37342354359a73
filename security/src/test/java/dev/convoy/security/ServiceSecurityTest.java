package dev.convoy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.convoy.security.testing.TestPki;
import dev.convoy.security.tls.TlsFiles;
import dev.convoy.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSecurityTest {
  @TempDir
  Path dir;

  @Test
  void exposed_plaintextWithoutAuthentication_onlyBeyondLoopback() {
    ServiceSecurity none = ServiceSecurity.none();
    assertThat(none.exposed("0.0.0.0")).isTrue();
    assertThat(none.exposed("::")).isTrue();
    assertThat(none.exposed("127.0.0.1")).isFalse();
    assertThat(none.exposed("localhost")).isFalse();
  }

  @Test
  void exposed_withTlsOrAuthentication_isNot() throws IOException {
    TestPki.Issued identity = TestPki.create(dir, "ca").issue("server", "server.test");
    FakeClock clock = new FakeClock();
    try (ServiceSecurity tls = ServiceSecurity.open(new TlsFiles(Optional.of(identity.certificate()),
        Optional.of(identity.key()), Optional.empty()), Optional.empty(), Optional.empty(), true, clock, () -> { });
        ServiceSecurity auth = ServiceSecurity.open(new TlsFiles(Optional.empty(), Optional.empty(), Optional.empty()),
            Optional.of(Files.writeString(dir.resolve("policy.json"), "{}")), Optional.empty(), true, clock,
            () -> { })) {
      assertThat(tls.exposed("0.0.0.0")).isFalse();
      assertThat(auth.exposed("0.0.0.0")).isFalse();
    }
  }

  @Test
  void open_clientCaWithoutCertificate_namesTheOptions() {
    assertThatThrownBy(() -> ServiceSecurity.open(new TlsFiles(Optional.empty(), Optional.empty(),
        Optional.of(dir.resolve("ca.pem"))), Optional.empty(), Optional.empty(), true, new FakeClock(), () -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tls-client-ca needs --tls-cert");
  }

  @Test
  void open_unparsableCertificate_namesTheFile() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.pem"), "not a certificate");
    Path key = Files.writeString(dir.resolve("bad.key"), "not a key");
    assertThatThrownBy(() -> ServiceSecurity.open(new TlsFiles(Optional.of(bad), Optional.of(key), Optional.empty()),
        Optional.empty(), Optional.empty(), true, new FakeClock(), () -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.toString());
  }
}
