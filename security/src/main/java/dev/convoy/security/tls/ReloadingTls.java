package dev.convoy.security.tls;

import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.grpc.util.AdvancedTlsX509TrustManager.Verification;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The key and trust managers of one TLS endpoint, read from its {@link TlsFiles} now and again
 * every {@code reloadPeriod} on {@code scheduler} when a file's modification time changed (a
 * file that fails to parse then is logged by grpc-java and the old credentials stay).
 */
public final class ReloadingTls implements AutoCloseable {
  private final Optional<AdvancedTlsX509KeyManager> keys;
  private final Optional<AdvancedTlsX509TrustManager> trust;
  private final List<Runnable> reloads;

  private ReloadingTls(Optional<AdvancedTlsX509KeyManager> keys, Optional<AdvancedTlsX509TrustManager> trust,
      List<Runnable> reloads) {
    this.keys = keys;
    this.trust = trust;
    this.reloads = reloads;
  }

  /**
   * Reads the files and schedules their reloads.
   *
   * @param verification what a peer's certificate is checked for: a client checks the server's
   *     host name too, a server checks only the client certificate's chain
   * @throws IllegalArgumentException naming the file when one cannot be read or parsed
   */
  public static ReloadingTls open(TlsFiles files, Verification verification, Duration reloadPeriod,
      ScheduledExecutorService scheduler) {
    List<Runnable> reloads = new ArrayList<>();
    long period = reloadPeriod.toMillis();
    Optional<AdvancedTlsX509KeyManager> keys = Optional.empty();
    Optional<AdvancedTlsX509TrustManager> trust = Optional.empty();
    try {
      if (files.hasIdentity()) {
        AdvancedTlsX509KeyManager manager = new AdvancedTlsX509KeyManager();
        reloads.add(manager.updateIdentityCredentials(files.certificate().get().toFile(), files.key().get().toFile(),
            period, TimeUnit.MILLISECONDS, scheduler)::close);
        keys = Optional.of(manager);
      }
      if (files.trustedCa().isPresent()) {
        AdvancedTlsX509TrustManager manager = AdvancedTlsX509TrustManager.newBuilder()
            .setVerification(verification).build();
        reloads.add(manager.updateTrustCredentials(files.trustedCa().get().toFile(), period, TimeUnit.MILLISECONDS,
            scheduler)::close);
        trust = Optional.of(manager);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      reloads.forEach(Runnable::run);
      throw new IllegalArgumentException("cannot read the TLS files " + describe(files) + ": " + e.getMessage(), e);
    }
    return new ReloadingTls(keys, trust, reloads);
  }

  public Optional<AdvancedTlsX509KeyManager> keyManager() {
    return keys;
  }

  public Optional<AdvancedTlsX509TrustManager> trustManager() {
    return trust;
  }

  /** Stops the reloads. */
  @Override
  public void close() {
    reloads.forEach(Runnable::run);
  }

  private static String describe(TlsFiles files) {
    List<String> names = new ArrayList<>();
    files.certificate().ifPresent(p -> names.add(p.toString()));
    files.key().ifPresent(p -> names.add(p.toString()));
    files.trustedCa().ifPresent(p -> names.add(p.toString()));
    return String.join(", ", names);
  }
}
