package dev.convoy.security;

import dev.convoy.security.tls.TlsFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Option;

/**
 * The security options every service takes, as a picocli mixin, so their names are the same
 * on the server, the router and the monitor.
 */
public final class SecurityOptions {
  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "PEM certificate chain to serve TLS with (gRPC and the HTTP endpoints); reloaded when it changes.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-client-ca", paramLabel = "FILE",
      description = "PEM CA certificates: require client certificates signed by them (mutual TLS).")
  Path tlsClientCa;

  @Option(names = "--auth-config", paramLabel = "FILE",
      description = "Access policy (JSON): principals, their roles, the roles' endpoint groups; callers are then"
          + " authenticated and authorised.")
  Path authConfig;

  @Option(names = "--auth-tokens", paramLabel = "FILE",
      description = "Bearer tokens: '<sha256 hex of the token> <principal>' per line (default: the policy's tokens_file).")
  Path authTokens;

  @Option(names = "--reflection", arity = "1", defaultValue = "true", paramLabel = "true|false",
      description = "Serve gRPC server reflection (default ${DEFAULT-VALUE}).")
  boolean reflection;

  /**
   * Reads the files and starts the certificate reloads on a thread of its own.
   *
   * @throws IllegalArgumentException naming the option or file that is wrong
   */
  public ServiceSecurity open() {
    ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "convoy-tls-reload");
      thread.setDaemon(true);
      return thread;
    });
    try {
      return open(reloads, reloads::shutdownNow);
    } catch (RuntimeException e) {
      reloads.shutdownNow();
      throw e;
    }
  }

  /** As {@link #open()}, reloading on {@code scheduler}; {@code onClose} runs when the security closes. */
  public ServiceSecurity open(ScheduledExecutorService scheduler, Runnable onClose) {
    TlsFiles files = TlsFiles.of(tlsCert, "--tls-cert", tlsKey, "--tls-key", tlsClientCa, "--tls-client-ca");
    return ServiceSecurity.open(files, Optional.ofNullable(authConfig), Optional.ofNullable(authTokens), reflection,
        scheduler, onClose);
  }
}
