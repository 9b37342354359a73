package dev.convoy.security.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * PEM files of one TLS endpoint, checked readable once at start-up.
 *
 * @param certificate the certificate chain, leaf first
 * @param key its private key (PKCS#8, {@code BEGIN PRIVATE KEY})
 * @param trustedCa the CA certificates a peer's certificate must chain to; for a server,
 *     present means client certificates are required (mutual TLS)
 */
public record TlsFiles(Optional<Path> certificate, Optional<Path> key, Optional<Path> trustedCa) {
  public TlsFiles {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(trustedCa, "trustedCa");
    if (certificate.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("a certificate and its key go together");
    }
  }

  /** The files given on a command line (null: not given), each checked readable. */
  public static TlsFiles of(Path certificate, String certificateOption, Path key, String keyOption, Path trustedCa,
      String trustedCaOption) {
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException(certificateOption + " and " + keyOption + " go together");
    }
    return new TlsFiles(readable(certificate, certificateOption), readable(key, keyOption),
        readable(trustedCa, trustedCaOption));
  }

  public boolean hasIdentity() {
    return certificate.isPresent();
  }

  private static Optional<Path> readable(Path path, String option) {
    if (path == null) {
      return Optional.empty();
    }
    if (!Files.isReadable(path) || Files.isDirectory(path)) {
      throw new IllegalArgumentException(option + " " + path + " is not a readable file");
    }
    return Optional.of(path);
  }
}
