package dev.convoy.loadtest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's {@code keytool} into a directory
 * of its own, written as the PEM files the server takes ({@code --tls-cert}, {@code --tls-key}),
 * the certificate doubling as the client's trusted CA. Closing removes the directory.
 */
final class BenchCertificate implements AutoCloseable {
  private static final String ALIAS = "convoy-bench";
  private static final char[] PASSWORD = "convoy-bench".toCharArray();

  private final Path dir;

  private BenchCertificate(Path dir) {
    this.dir = dir;
  }

  static BenchCertificate create() throws NotRunException, InterruptedException {
    Path dir;
    try {
      dir = Files.createTempDirectory("convoy-bench-tls");
    } catch (IOException e) {
      throw new NotRunException("no temporary directory for the TLS certificate: " + e.getMessage(), e);
    }
    BenchCertificate certificate = new BenchCertificate(dir);
    try {
      certificate.generate();
      return certificate;
    } catch (IOException | GeneralSecurityException e) {
      certificate.close();
      throw new NotRunException("cannot make the TLS certificate: " + e.getMessage(), e);
    }
  }

  Path certificate() {
    return dir.resolve("bench.pem");
  }

  Path key() {
    return dir.resolve("bench.key");
  }

  private void generate() throws IOException, GeneralSecurityException, InterruptedException, NotRunException {
    Path store = dir.resolve("bench.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD)))
        .redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new NotRunException("keytool failed: " + new String(output, StandardCharsets.UTF_8).strip());
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    Files.writeString(certificate(), pem("CERTIFICATE", keys.getCertificate(ALIAS).getEncoded()));
    Files.writeString(key(), pem("PRIVATE KEY", keys.getKey(ALIAS, PASSWORD).getEncoded()));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind
    }
  }
}
