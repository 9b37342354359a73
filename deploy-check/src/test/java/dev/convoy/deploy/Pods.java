package dev.convoy.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What the checks read off containers: ports, probes, the preStop sleep, GPUs. */
final class Pods {
  static final String GPU_RESOURCE = "nvidia.com/gpu";

  private Pods() {}

  /** The container port {@code port} names (by number or by name), if the container declares it. */
  static Optional<ContainerPort> port(Container container, IntOrString port) {
    return container.getPorts().stream().filter(p -> port.getIntVal() != null
        ? port.getIntVal().equals(p.getContainerPort()) : port.getStrVal().equals(p.getName())).findFirst();
  }

  static Optional<ContainerPort> namedPort(Container container, String name) {
    return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst();
  }

  /** The probes a container has, by kind. */
  static Map<String, Probe> probes(Container container) {
    Map<String, Probe> probes = new java.util.LinkedHashMap<>();
    Optional.ofNullable(container.getStartupProbe()).ifPresent(p -> probes.put("startupProbe", p));
    Optional.ofNullable(container.getReadinessProbe()).ifPresent(p -> probes.put("readinessProbe", p));
    Optional.ofNullable(container.getLivenessProbe()).ifPresent(p -> probes.put("livenessProbe", p));
    return probes;
  }

  /** The port a probe calls. */
  static IntOrString probePort(Probe probe) {
    if (probe.getGrpc() != null) {
      return new IntOrString(probe.getGrpc().getPort());
    }
    if (probe.getTcpSocket() != null) {
      return probe.getTcpSocket().getPort();
    }
    if (probe.getHttpGet() != null) {
      return probe.getHttpGet().getPort();
    }
    throw new IllegalArgumentException("probe without a port: " + probe);
  }

  /** How long a probe keeps failing before it gives up: period x failure threshold. */
  static Duration patience(Probe probe) {
    int period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
    int threshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
    return Duration.ofSeconds((long) period * threshold);
  }

  /** The preStop hook's {@code sleep N}, zero without one. */
  static Duration preStopSleep(Container container) {
    if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
      return Duration.ZERO;
    }
    var hook = container.getLifecycle().getPreStop();
    if (hook.getSleep() != null) {
      return Duration.ofSeconds(hook.getSleep().getSeconds());
    }
    List<String> command = hook.getExec() == null ? List.of() : hook.getExec().getCommand();
    if (command.size() == 2 && command.get(0).equals("sleep")) {
      return Duration.ofSeconds(Long.parseLong(command.get(1)));
    }
    throw new IllegalArgumentException("preStop is neither sleep nor exec sleep N: " + hook);
  }

  /** GPUs the container asks for, in requests or limits. */
  static int gpus(Container container) {
    if (container.getResources() == null) {
      return 0;
    }
    return Stream.of(container.getResources().getLimits(), container.getResources().getRequests())
        .filter(java.util.Objects::nonNull)
        .map(m -> m.get(GPU_RESOURCE)).filter(java.util.Objects::nonNull)
        .mapToInt(q -> Quantity.getAmountInBytes(q).intValue()).max().orElse(0);
  }

  /** An environment variable's literal value. */
  static Optional<String> env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name) && e.getValue() != null)
        .map(io.fabric8.kubernetes.api.model.EnvVar::getValue).findFirst();
  }
}
