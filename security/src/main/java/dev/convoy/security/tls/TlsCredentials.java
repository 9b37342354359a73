package dev.convoy.security.tls;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.TlsServerCredentials.ClientAuth;
import io.grpc.util.AdvancedTlsX509TrustManager.Verification;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** gRPC credentials and a JDK {@link SSLContext} over the reloading managers of {@link ReloadingTls}. */
public final class TlsCredentials {
  /** How often the PEM files are checked for a change. */
  public static final Duration RELOAD_PERIOD = Duration.ofMinutes(1);

  private TlsCredentials() {}

  /** A server's credentials: its identity, and with a trusted CA, client certificates required. */
  public static ServerCredentials server(ReloadingTls tls) {
    TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder()
        .keyManager(tls.keyManager().orElseThrow(() -> new IllegalArgumentException("a TLS server needs a certificate")));
    tls.trustManager().ifPresent(trust -> builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE));
    return builder.build();
  }

  /**
   * A client's credentials: the server checked against the trusted CA (the JVM's default trust
   * when none is given) including its host name; the client's own certificate when given.
   */
  public static ChannelCredentials channel(ReloadingTls tls) {
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    tls.keyManager().ifPresent(builder::keyManager);
    tls.trustManager().ifPresent(builder::trustManager);
    return builder.build();
  }

  /** Opens {@code files} as a client's (its peer's host name checked), reloading on {@code scheduler}. */
  public static ClientTls client(TlsFiles files, ScheduledExecutorService scheduler) {
    ReloadingTls tls = ReloadingTls.open(files, Verification.CERTIFICATE_AND_HOST_NAME_VERIFICATION, RELOAD_PERIOD,
        scheduler);
    return new ClientTls(channel(tls), tls::close);
  }

  /** Plaintext unless {@code files} names a certificate or a CA; else as {@link #client(TlsFiles)}. */
  public static ClientTls clientIfConfigured(TlsFiles files) {
    return files.hasIdentity() || files.trustedCa().isPresent() ? client(files) : ClientTls.insecure();
  }

  /** As {@link #client(TlsFiles, ScheduledExecutorService)}, reloading on a daemon thread of its own that closing the result stops. */
  public static ClientTls client(TlsFiles files) {
    ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "convoy-tls-reload");
      thread.setDaemon(true);
      return thread;
    });
    try {
      ClientTls tls = client(files, reloads);
      return new ClientTls(tls.credentials(), () -> {
        tls.close();
        reloads.shutdownNow();
      });
    } catch (RuntimeException e) {
      reloads.shutdownNow();
      throw e;
    }
  }

  /** A JDK context over the same managers, for the HTTPS endpoints. */
  public static SSLContext sslContext(ReloadingTls tls) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(tls.keyManager().map(k -> new KeyManager[] {k}).orElse(null),
          tls.trustManager().map(t -> new TrustManager[] {t}).orElse(null), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context", e);
    }
  }

  /** A client's credentials and the reloads behind them; close it with the channel. */
  public record ClientTls(ChannelCredentials credentials, Runnable onClose) implements AutoCloseable {
    /** Plaintext: nothing to reload. */
    public static ClientTls insecure() {
      return new ClientTls(InsecureChannelCredentials.create(), () -> { });
    }

    @Override
    public void close() {
      onClose.run();
    }
  }
}
