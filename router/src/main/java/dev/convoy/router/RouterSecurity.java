package dev.convoy.router;

import dev.convoy.security.ServiceSecurity;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;

/**
 * How the router listens ({@code service}: TLS, callers authenticated and authorised, the
 * verified principal forwarded) and how it calls its backends ({@code backends}: plaintext,
 * TLS, or mutual TLS with the router's own certificate, whose principal the servers' policy
 * puts in the {@code router} group).
 */
public record RouterSecurity(ServiceSecurity service, ChannelCredentials backends) {
  /** Plaintext both ways, nobody authenticated. */
  public static RouterSecurity none() {
    return new RouterSecurity(ServiceSecurity.none(), InsecureChannelCredentials.create());
  }
}
