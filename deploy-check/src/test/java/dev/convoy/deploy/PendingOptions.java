package dev.convoy.deploy;

import java.util.Map;
import java.util.Set;

/**
 * PENDING: the security options (TLS, mTLS, authentication, model control) that the secure
 * component passes, named as the security work specifies them, which the services do not
 * parse yet on this line of development. Only the secure overlay may use them, and only
 * written {@code --name=value}; every other flag is parsed by the service's own parser as
 * everywhere else. Once a service knows one of these options the check fails, asking for it
 * to be removed here, so this list empties itself out as the options land.
 */
final class PendingOptions {
  static final Map<ConvoyService, Set<String>> BY_SERVICE = Map.of(
      ConvoyService.SERVER, Set.of("--tls-cert", "--tls-key", "--tls-client-ca", "--auth-config",
          "--model-control-mode"),
      ConvoyService.ROUTER, Set.of("--tls-cert", "--tls-key", "--tls-client-ca", "--backend-tls-ca",
          "--backend-tls-cert", "--backend-tls-key", "--auth-config", "--auth-tokens"));

  /** The kustomizations that may use pending options. */
  static final Set<String> ALLOWED_IN = Set.of("overlays/secure");

  private PendingOptions() {}

  static Set<String> of(ConvoyService service) {
    return BY_SERVICE.getOrDefault(service, Set.of());
  }
}
