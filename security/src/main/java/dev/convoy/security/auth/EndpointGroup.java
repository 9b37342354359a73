package dev.convoy.security.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a role may call, after Triton's restricted-protocol groups, plus Convoy's own services;
 * the methods of each are listed in {@code auth_policy.proto}. The admin groups are audited.
 */
public enum EndpointGroup {
  HEALTH(false),
  METADATA(false),
  INFERENCE(false),
  MODEL_CONFIG(false),
  STATISTICS(false),
  MODEL_REPOSITORY(true),
  /** TraceSetting: changes what the service traces. */
  TRACE(true),
  /** LogSettings: changes what the service logs. */
  LOGGING(true),
  /** The shared-memory registration calls (system and CUDA). */
  SHARED_MEMORY(false),
  ROUTER_ADMIN(true),
  MONITOR_INGEST(false),
  MONITOR_LABELS(false),
  MONITOR_ADMIN(true),
  METRICS(false),
  /** May call on behalf of the principal it forwards: a router. */
  ROUTER(false);

  private final boolean admin;

  EndpointGroup(boolean admin) {
    this.admin = admin;
  }

  /** Its calls are written to the audit log. */
  public boolean admin() {
    return admin;
  }

  /** The name policy files use: {@code model-repository}. */
  public String policyName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<EndpointGroup> byPolicyName(String name) {
    return Arrays.stream(values()).filter(g -> g.policyName().equals(name)).findFirst();
  }

  static String allNames() {
    return Arrays.stream(values()).map(EndpointGroup::policyName).collect(Collectors.joining(", "));
  }
}
