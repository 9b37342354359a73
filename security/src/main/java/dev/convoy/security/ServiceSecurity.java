package dev.convoy.security;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import dev.convoy.security.audit.AuditLog;
import dev.convoy.security.auth.Access;
import dev.convoy.security.auth.AccessPolicy;
import dev.convoy.security.auth.TokenFile;
import dev.convoy.security.auth.CallGuard;
import dev.convoy.security.auth.EndpointGroup;
import dev.convoy.security.auth.HttpAccess;
import dev.convoy.security.tls.ReloadingTls;
import dev.convoy.security.tls.TlsCredentials;
import dev.convoy.security.tls.TlsFiles;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.TlsChannelCredentials;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.grpc.util.AdvancedTlsX509TrustManager.Verification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one service listens with: its TLS (reloading), its access checks, its audit log and
 * whether it serves reflection. The default, {@link #none()}, is plaintext, unauthenticated,
 * with reflection, audit lines still written.
 */
public final class ServiceSecurity implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceSecurity.class);

  private final Optional<ReloadingTls> tls;
  private final Optional<Access> access;
  private final AuditLog audit;
  private final boolean reflection;
  private final Runnable onClose;

  public ServiceSecurity(Optional<ReloadingTls> tls, Optional<Access> access, AuditLog audit, boolean reflection,
      Runnable onClose) {
    this.tls = tls;
    this.access = access;
    this.audit = audit;
    this.reflection = reflection;
    this.onClose = onClose;
  }

  /**
   * Reads the files and starts the certificate reloads on {@code scheduler}.
   *
   * @param policyFile the access policy; empty: callers are not authenticated
   * @param tokensFile the bearer tokens; empty: the policy's {@code tokens_file}, if any
   * @param onClose runs when the security closes (stops the scheduler it owns, say)
   * @throws IllegalArgumentException naming the file that is wrong
   */
  public static ServiceSecurity open(TlsFiles files, Optional<Path> policyFile, Optional<Path> tokensFile,
      boolean reflection, ScheduledExecutorService scheduler, Runnable onClose) {
    if (files.trustedCa().isPresent() && !files.hasIdentity()) {
      throw new IllegalArgumentException("--tls-client-ca needs --tls-cert and --tls-key");
    }
    if (tokensFile.isPresent() && policyFile.isEmpty()) {
      throw new IllegalArgumentException("--auth-tokens needs --auth-config (the roles of its principals)");
    }
    Optional<Access> access = policyFile.map(file -> {
      AccessPolicy policy = AccessPolicy.read(file);
      return new Access(policy, tokensFile.or(policy::tokensFile).map(TokenFile::read).orElseGet(TokenFile::empty));
    });
    Optional<ReloadingTls> tls = files.hasIdentity()
        ? Optional.of(ReloadingTls.open(files, Verification.CERTIFICATE_ONLY_VERIFICATION, TlsCredentials.RELOAD_PERIOD,
            scheduler))
        : Optional.empty();
    return new ServiceSecurity(tls, access, AuditLog.toLogger(), reflection, onClose);
  }

  /** Plaintext, no authentication, reflection on. */
  public static ServiceSecurity none() {
    return new ServiceSecurity(Optional.empty(), Optional.empty(), AuditLog.toLogger(), true, () -> { });
  }

  public ServerCredentials serverCredentials() {
    return tls.map(TlsCredentials::server).orElseGet(InsecureServerCredentials::create);
  }

  /**
   * What the service's calls to itself on loopback use (the server's warm-up): plaintext, or TLS
   * presenting the service's own certificate and taking whatever certificate answers, since the
   * peer is this process and the calls carry only generated data.
   */
  public ChannelCredentials selfCredentials() {
    if (tls.isEmpty()) {
      return InsecureChannelCredentials.create();
    }
    try {
      TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder()
          .trustManager(AdvancedTlsX509TrustManager.newBuilder()
              .setVerification(Verification.INSECURELY_SKIP_ALL_VERIFICATION).build());
      tls.get().keyManager().ifPresent(builder::keyManager);
      return builder.build();
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot make a trust manager", e);
    }
  }

  /** The interceptor that goes first on every service; a router's forwards the verified principal. */
  public ServerInterceptor guard(boolean forwardsPrincipal) {
    return new CallGuard(access, audit, forwardsPrincipal);
  }

  /** HTTPS for an HTTP endpoint, client certificates required under mutual TLS. */
  public Optional<HttpsConfigurator> https() {
    return tls.map(t -> {
      SSLContext context = TlsCredentials.sslContext(t);
      boolean mutual = t.trustManager().isPresent();
      return new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters parameters) {
          // Through SSLParameters: the JDK's server applies setNeedClientAuth, then clears it
          // with setWantClientAuth(false).
          SSLParameters ssl = context.getDefaultSSLParameters();
          ssl.setNeedClientAuth(mutual);
          parameters.setSSLParameters(ssl);
        }
      };
    });
  }

  /** The check of an HTTP endpoint in {@code group}; empty when callers are not authenticated. */
  public Optional<Authenticator> httpAccess(EndpointGroup group) {
    return access.map(a -> new HttpAccess(a, group, audit));
  }

  public boolean tls() {
    return tls.isPresent();
  }

  public boolean authenticates() {
    return access.isPresent();
  }

  public boolean reflection() {
    return reflection;
  }

  /** One warning when {@code service} listens beyond loopback with neither TLS nor authentication. */
  public void warnIfExposed(String service, String host) {
    if (exposed(host)) {
      log.warn("{} listens on {} beyond loopback with neither TLS nor authentication: anyone who reaches it"
          + " may call every endpoint (see --tls-cert, --tls-key, --auth-config)", service, host);
    }
  }

  /** Whether listening on {@code host} lets anyone off this machine call every endpoint in the clear. */
  public boolean exposed(String host) {
    return !tls() && !authenticates() && !loopback(host);
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Stops the certificate reloads. */
  @Override
  public void close() {
    tls.ifPresent(ReloadingTls::close);
    onClose.run();
  }
}
