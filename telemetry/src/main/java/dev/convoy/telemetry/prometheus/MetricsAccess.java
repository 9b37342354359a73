package dev.convoy.telemetry.prometheus;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpsConfigurator;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code /metrics} is reached: over HTTPS when a configurator is given, and only by callers
 * the authenticator lets in (a service's bearer tokens or client certificates).
 */
public record MetricsAccess(Optional<HttpsConfigurator> https, Optional<Authenticator> authenticator) {
  /** Plain HTTP, open to anyone who reaches the port. */
  public static final MetricsAccess OPEN = new MetricsAccess(Optional.empty(), Optional.empty());

  public MetricsAccess {
    Objects.requireNonNull(https, "https");
    Objects.requireNonNull(authenticator, "authenticator");
  }
}
