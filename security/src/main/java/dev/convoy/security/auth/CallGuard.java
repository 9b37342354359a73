package dev.convoy.security.auth;

import dev.convoy.security.audit.AuditLog;
import dev.convoy.security.audit.AuditedCall;
import dev.convoy.security.tls.PeerCertificates;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The first interceptor of every call a service serves: authenticates and authorises it (when
 * the service has an {@link Access}), puts the principal in {@link Principal#CURRENT}, writes
 * the audit line of admin calls and refusals. A router's guard also rewrites the headers its
 * calls forward: the client's {@code authorization} and any forwarded principal it claimed go,
 * the principal the router verified goes on.
 */
public final class CallGuard implements ServerInterceptor {
  private final Optional<Access> access;
  private final AuditLog audit;
  private final boolean forwardsPrincipal;

  /** @param forwardsPrincipal a router's guard: passes the verified principal on to backends */
  public CallGuard(Optional<Access> access, AuditLog audit, boolean forwardsPrincipal) {
    this.access = access;
    this.audit = audit;
    this.forwardsPrincipal = forwardsPrincipal;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
      ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<EndpointGroup> group = MethodGroups.of(method);
    String peer = address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    Optional<String> certificate = PeerCertificates.principal(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    Principal principal;
    try {
      principal = identify(certificate, headers, method, group);
    } catch (Refusal refusal) {
      audit.record(method, null, refusal.claimed(), "", peer, refusal.status());
      call.close(refusal.status(), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (forwardsPrincipal) {
      forward(headers, principal);
    }
    Context context = Context.current().withValue(Principal.CURRENT, principal);
    if (group.isEmpty() || !group.get().admin()) {
      return Contexts.interceptCall(context, call, headers, next);
    }
    AuditedCall<ReqT, RespT> audited = new AuditedCall<>(call, audit, principal.name(), principal.via(), peer);
    return audited.listen(Contexts.interceptCall(context, audited, headers, next));
  }

  private Principal identify(Optional<String> certificate, Metadata headers, String method,
      Optional<EndpointGroup> group) throws Refusal {
    if (access.isEmpty()) {
      return certificate.map(name -> new Principal(name, Principal.Source.CERTIFICATE, "")).orElse(Principal.ANONYMOUS);
    }
    Principal principal = access.get().identify(certificate, headers.get(Access.AUTHORIZATION),
        headers.get(Access.FORWARDED_PRINCIPAL));
    access.get().check(principal, group, method);
    return principal;
  }

  /** Without authentication here, the client's headers pass as they came, less a claimed principal. */
  private void forward(Metadata headers, Principal principal) {
    headers.discardAll(Access.FORWARDED_PRINCIPAL);
    if (access.isPresent()) {
      headers.discardAll(Access.AUTHORIZATION);
      headers.put(Access.FORWARDED_PRINCIPAL, principal.name());
    }
  }

  static String address(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() == null ? inet.getHostString() + ":" + inet.getPort()
          : inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
