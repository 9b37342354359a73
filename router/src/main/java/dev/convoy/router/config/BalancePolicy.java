package dev.convoy.router.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How the router picks among the backends that serve a model. */
public enum BalancePolicy {
  /** Power of two choices on outstanding requests per unit of weight. */
  P2C("p2c"),
  /** GPU backends while they are below saturation, then the least loaded of GPU and CPU. */
  GPU_FIRST("gpu-first");

  private final String configName;

  BalancePolicy(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** @throws ConfigException for a name that is not a policy */
  public static BalancePolicy fromConfigName(String name) {
    for (BalancePolicy policy : values()) {
      if (policy.configName.equals(name)) {
        return policy;
      }
    }
    throw new ConfigException("unknown policy '" + name + "'; expected one of "
        + Arrays.stream(values()).map(BalancePolicy::configName).collect(Collectors.joining(", ")));
  }
}
