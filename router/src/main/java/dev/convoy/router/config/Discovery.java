package dev.convoy.router.config;

import java.time.Duration;
import java.util.List;

/**
 * Where backends come from.
 *
 * @param backends fixed backends
 * @param dnsNames names re-resolved every {@code dnsRefresh}; each address becomes a backend
 *     (a Kubernetes headless Service)
 */
public record Discovery(List<BackendTarget> backends, List<BackendTarget> dnsNames, Duration dnsRefresh) {
  public Discovery {
    backends = List.copyOf(backends);
    dnsNames = List.copyOf(dnsNames);
    if (backends.isEmpty() && dnsNames.isEmpty()) {
      throw new ConfigException("no backends: give at least one 'backend' or 'dns' setting");
    }
    Durations.requirePositive("dns.refresh", dnsRefresh);
  }
}
