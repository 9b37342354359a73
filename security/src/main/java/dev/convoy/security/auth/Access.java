package dev.convoy.security.auth;

import dev.convoy.security.audit.LogText;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.Optional;

/**
 * Authentication and authorisation of one call, against a policy and a tokens file.
 *
 * <p>A bearer token, when sent, must be valid, and names the principal; otherwise a verified
 * client certificate does; otherwise the caller is {@code anonymous}. A peer whose certificate's
 * principal may call the {@code router} group may name the principal it calls for in
 * {@link #FORWARDED_PRINCIPAL}; from any other peer that header is refused.
 */
public final class Access {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** The principal a router calls for, as the router verified it. */
  public static final Metadata.Key<String> FORWARDED_PRINCIPAL =
      Metadata.Key.of("convoy-forwarded-principal", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private final AccessPolicy policy;
  private final TokenFile tokens;

  public Access(AccessPolicy policy, TokenFile tokens) {
    this.policy = policy;
    this.tokens = tokens;
  }

  /**
   * Who calls.
   *
   * @param certificatePrincipal the principal of the peer's verified certificate, if any
   * @param authorization the {@code authorization} header, or null
   * @param forwarded the {@link #FORWARDED_PRINCIPAL} header, or null
   */
  public Principal identify(Optional<String> certificatePrincipal, String authorization, String forwarded)
      throws Refusal {
    if (forwarded != null) {
      return forwardedBy(certificatePrincipal, forwarded);
    }
    if (authorization != null) {
      return new Principal(tokenPrincipal(authorization), Principal.Source.TOKEN, "");
    }
    return certificatePrincipal.map(name -> new Principal(name, Principal.Source.CERTIFICATE, ""))
        .orElse(Principal.ANONYMOUS);
  }

  /** Refuses the call unless {@code principal} may call {@code group}; a method in no group is refused. */
  public void check(Principal principal, Optional<EndpointGroup> group, String method) throws Refusal {
    if (group.isEmpty()) {
      throw new Refusal(Status.PERMISSION_DENIED.withDescription("method " + LogText.quoted(method)
          + " is in no endpoint group"), principal.name());
    }
    if (policy.allows(principal.name(), group.get())) {
      return;
    }
    String name = group.get().policyName();
    if (principal.anonymous()) {
      throw new Refusal(Status.UNAUTHENTICATED.withDescription("endpoint group '" + name
          + "' needs credentials: a bearer token or a client certificate"), principal.name());
    }
    throw new Refusal(Status.PERMISSION_DENIED.withDescription("principal " + LogText.quoted(principal.name())
        + " may not call endpoint group '" + name + "'"), principal.name());
  }

  private String tokenPrincipal(String authorization) throws Refusal {
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new Refusal(Status.UNAUTHENTICATED.withDescription("authorization must be 'Bearer <token>'"), "-");
    }
    return tokens.principalOf(authorization.substring(BEARER.length()).strip()).orElseThrow(() -> new Refusal(
        Status.UNAUTHENTICATED.withDescription("invalid bearer token"), "-"));
  }

  private Principal forwardedBy(Optional<String> peer, String forwarded) throws Refusal {
    if (peer.isEmpty() || !policy.allows(peer.get(), EndpointGroup.ROUTER)) {
      throw new Refusal(Status.PERMISSION_DENIED.withDescription("only a peer in endpoint group '"
          + EndpointGroup.ROUTER.policyName() + "' may forward a principal"), peer.orElse(Principal.ANONYMOUS_NAME));
    }
    if (!PrincipalNames.valid(forwarded)) {
      throw new Refusal(Status.UNAUTHENTICATED.withDescription("the forwarded principal is not 1 to "
          + PrincipalNames.MAX_LENGTH + " printable characters"), peer.get());
    }
    return forwarded.equals(Principal.ANONYMOUS_NAME) ? new Principal(forwarded, Principal.Source.NONE, peer.get())
        : new Principal(forwarded, Principal.Source.FORWARDED, peer.get());
  }

}
