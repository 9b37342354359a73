package dev.convoy.security.auth;

import io.grpc.Context;
import java.util.Objects;

/**
 * A verified caller.
 *
 * @param name what the policy knows it by; {@link #ANONYMOUS_NAME} for a caller with no credential
 * @param source how it was verified
 * @param via the router that forwarded it, or empty when it called directly
 */
public record Principal(String name, Source source, String via) {
  /** The principal of a caller with neither a token nor a certificate. */
  public static final String ANONYMOUS_NAME = "anonymous";
  /** The verified principal of the call being served. */
  public static final Context.Key<Principal> CURRENT = Context.key("convoy-principal");
  public static final Principal ANONYMOUS = new Principal(ANONYMOUS_NAME, Source.NONE, "");

  /** How a principal was verified. */
  public enum Source { NONE, TOKEN, CERTIFICATE, FORWARDED }

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(via, "via");
  }

  public boolean anonymous() {
    return name.equals(ANONYMOUS_NAME);
  }

  /** The principal of the call being served; anonymous outside a call or without authentication. */
  public static Principal current() {
    Principal principal = CURRENT.get();
    return principal == null ? ANONYMOUS : principal;
  }
}
