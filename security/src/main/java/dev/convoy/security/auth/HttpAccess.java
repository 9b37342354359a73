package dev.convoy.security.auth;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import dev.convoy.security.audit.AuditLog;
import dev.convoy.security.tls.PeerCertificates;
import java.util.Optional;

/**
 * The same check for an HTTP endpoint ({@code /metrics}, the dashboard): a bearer token in
 * {@code Authorization} or the client certificate, and the endpoint's group. 401 (with
 * {@code WWW-Authenticate: Bearer}) where gRPC says UNAUTHENTICATED, 403 where it says
 * PERMISSION_DENIED; refusals are audited.
 */
public final class HttpAccess extends Authenticator {
  private final Access access;
  private final EndpointGroup group;
  private final AuditLog audit;

  public HttpAccess(Access access, EndpointGroup group, AuditLog audit) {
    this.access = access;
    this.group = group;
    this.audit = audit;
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    Optional<String> certificate = exchange instanceof HttpsExchange https
        ? PeerCertificates.principal(https.getSSLSession()) : Optional.empty();
    try {
      Principal principal = access.identify(certificate, exchange.getRequestHeaders().getFirst("Authorization"), null);
      access.check(principal, Optional.of(group), exchange.getRequestURI().getPath());
      return new Success(new HttpPrincipal(principal.name(), group.policyName()));
    } catch (Refusal refusal) {
      audit.record(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), null, refusal.claimed(), "",
          CallGuard.address(exchange.getRemoteAddress()), refusal.status());
      if (refusal.status().getCode() == io.grpc.Status.Code.UNAUTHENTICATED) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        return new Failure(401);
      }
      return new Failure(403);
    }
  }
}
