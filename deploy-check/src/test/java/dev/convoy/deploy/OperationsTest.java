package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What operating the fleet needs from each kustomization: capacity kept through rollouts and
 * drains, autoscaling on queue time, probes that mean what they say, GPU scheduling, hardened
 * pods, and NetworkPolicies that let only the intended callers in.
 */
class OperationsTest {
  private static final String READY_SERVICE = "inference.GRPCInferenceService";

  static List<String> kustomizations() {
    return Rendered.kustomizations();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void rollouts_keepCapacity_andEveryPoolIsAutoscaledAndBudgeted(String name) {
    Rendered rendered = Rendered.of(name);
    List<String> failures = new ArrayList<>();
    for (Deployment deployment : rendered.all(Deployment.class)) {
      var strategy = deployment.getSpec().getStrategy();
      if (!"RollingUpdate".equals(strategy.getType()) || strategy.getRollingUpdate().getMaxUnavailable().getIntVal() != 0) {
        failures.add(name + ": Deployment " + deployment.getMetadata().getName() + " may roll below capacity");
      }
    }
    for (ConvoyContainer convoy : CommandLineCheck.parseAll(rendered)) {
      Workload workload = convoy.workload();
      boolean budgeted = rendered.all(PodDisruptionBudget.class).stream()
          .anyMatch(b -> workload.selectedBy(b.getSpec().getSelector().getMatchLabels()));
      if (convoy.service() == ConvoyService.ROUTER && (workload.replicas() == null || workload.replicas() < 2 || !budgeted)) {
        failures.add(workload.where() + ": the router needs at least 2 replicas and a PodDisruptionBudget");
      }
      if (convoy.service() == ConvoyService.SERVER) {
        List<HorizontalPodAutoscaler> scalers = rendered.all(HorizontalPodAutoscaler.class).stream()
            .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(workload.name())).toList();
        if (workload.replicas() != null || scalers.size() != 1 || !budgeted) {
          failures.add(workload.where() + ": a pool needs one autoscaler owning its replicas and a PodDisruptionBudget");
        } else if (!"convoy_queue_seconds_per_request".equals(
            scalers.get(0).getSpec().getMetrics().get(0).getPods().getMetric().getName())) {
          failures.add(workload.where() + ": autoscaled on something else than the queue time per request");
        }
      }
    }
    assertThat(failures).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void serverProbes_readyWhenModelsAre_liveOnHealth_startupCoversLoading(String name) {
    Rendered rendered = Rendered.of(name);
    for (ConvoyContainer server : CommandLineCheck.parseAll(rendered)) {
      if (server.service() != ConvoyService.SERVER) {
        continue;
      }
      Container container = server.container();
      Duration loading = Duration.ofMinutes(Pods.gpus(container) > 0 ? 10 : 5);
      assertThat(Pods.patience(container.getStartupProbe())).as(server.where() + " startup").isGreaterThanOrEqualTo(loading);
      if (server.command().tls()) {
        // Kubelet's gRPC probes cannot speak TLS; the component turns them into TCP probes.
        assertThat(container.getReadinessProbe().getTcpSocket()).as(server.where()).isNotNull();
        continue;
      }
      assertThat(container.getReadinessProbe().getGrpc().getService()).as(server.where() + " readiness")
          .isEqualTo(READY_SERVICE);
      assertThat(container.getStartupProbe().getGrpc().getService()).as(server.where() + " startup")
          .isEqualTo(READY_SERVICE);
      assertThat(container.getLivenessProbe().getGrpc()).as(server.where() + " liveness: grpc.health.v1").isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void gpuPods_askForGpus_landOnGpuNodes_andTolerateTheirTaint(String name) {
    List<String> failures = new ArrayList<>();
    for (Workload workload : Rendered.of(name).workloads()) {
      int gpus = workload.pod().getContainers().stream().mapToInt(Pods::gpus).sum();
      boolean tolerates = workload.pod().getTolerations().stream().anyMatch(OperationsTest::gpuToleration);
      boolean selectsGpuNodes = workload.pod().getNodeSelector() != null
          && workload.pod().getNodeSelector().keySet().stream().anyMatch(k -> k.startsWith("nvidia.com/gpu"));
      if (gpus > 0 && !(tolerates && selectsGpuNodes)) {
        failures.add(workload.where() + ": asks for GPUs without the GPU node selector and the nvidia.com/gpu toleration");
      }
      if (gpus == 0 && (tolerates || selectsGpuNodes)) {
        failures.add(workload.where() + ": takes a GPU node without asking for a GPU");
      }
    }
    assertThat(failures).as(name).isEmpty();
    if (!name.equals("base") && !name.equals("overlays/cpu-only")) {
      assertThat(Rendered.of(name).workloads()).as(name + ": a GPU pool")
          .anyMatch(w -> w.pod().getContainers().stream().anyMatch(c -> Pods.gpus(c) == 1));
    }
  }

  private static boolean gpuToleration(Toleration toleration) {
    return Pods.GPU_RESOURCE.equals(toleration.getKey()) && "NoSchedule".equals(toleration.getEffect())
        && ("Exists".equals(toleration.getOperator()) || toleration.getValue() != null);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void pods_runRestricted_nonRootReadOnlyWithoutCapabilities(String name) {
    List<String> failures = new ArrayList<>();
    for (Workload workload : Rendered.of(name).workloads()) {
      PodSecurityContext pod = workload.pod().getSecurityContext();
      if (pod == null || !Boolean.TRUE.equals(pod.getRunAsNonRoot()) || pod.getSeccompProfile() == null
          || !"RuntimeDefault".equals(pod.getSeccompProfile().getType())) {
        failures.add(workload.where() + ": the pod must run as non-root with the RuntimeDefault seccomp profile");
      }
      if (!Boolean.FALSE.equals(workload.pod().getAutomountServiceAccountToken())) {
        failures.add(workload.where() + ": mounts a service account token it never uses");
      }
      for (Container container : workload.allContainers()) {
        SecurityContext context = container.getSecurityContext();
        if (context == null || !Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())
            || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())
            || context.getCapabilities() == null || !List.of("ALL").equals(context.getCapabilities().getDrop())
            || (context.getCapabilities().getAdd() != null && !context.getCapabilities().getAdd().isEmpty())) {
          failures.add(workload.where(container) + ": needs readOnlyRootFilesystem, no privilege escalation, all capabilities dropped");
        }
      }
      if (workload.pod().getVolumes().stream().anyMatch(v -> v.getHostPath() != null)) {
        failures.add(workload.where() + ": mounts a host path");
      }
    }
    assertThat(failures).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void networkPolicies_onlyRoutersReachServers_onlyServersReachTheMonitor(String name) {
    Rendered rendered = Rendered.of(name);
    List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class);
    assertThat(policies).as(name + ": a default deny").anyMatch(p -> selectsAll(p)
        && p.getSpec().getIngress().isEmpty() && p.getSpec().getPolicyTypes().contains("Ingress"));
    List<String> failures = new ArrayList<>();
    for (NetworkPolicy policy : policies) {
      Map<String, String> target = policy.getSpec().getPodSelector().getMatchLabels();
      List<Workload> selected = rendered.workloads().stream().filter(w -> selectsAll(policy) || w.selectedBy(target)).toList();
      if (selected.isEmpty()) {
        failures.add(name + ": NetworkPolicy " + policy.getMetadata().getName() + " selects no pods");
      }
      for (var rule : policy.getSpec().getIngress()) {
        for (var port : rule.getPorts()) {
          for (Workload workload : selected) {
            if (workload.pod().getContainers().stream().noneMatch(c -> Pods.port(c, port.getPort()).isPresent())) {
              failures.add(name + ": NetworkPolicy " + policy.getMetadata().getName() + " opens port "
                  + port.getPort().getValue() + ", which " + workload.where() + " does not declare");
            }
          }
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          if (peer.getPodSelector() != null && rendered.workloads().stream()
              .noneMatch(w -> w.selectedBy(peer.getPodSelector().getMatchLabels()))) {
            failures.add(name + ": NetworkPolicy " + policy.getMetadata().getName() + " admits pods that do not exist");
          }
        }
      }
    }
    assertThat(failures).as(name).isEmpty();
    assertThat(callersOnGrpc(rendered, "server")).as(name + ": who may call the servers").containsExactly("router");
    assertThat(callersOnGrpc(rendered, "monitor")).as(name + ": who may call the monitor").containsExactly("server");
  }

  private static boolean selectsAll(NetworkPolicy policy) {
    var selector = policy.getSpec().getPodSelector();
    return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  /** The components whose pods the policies let call {@code component}'s gRPC port. */
  private static List<String> callersOnGrpc(Rendered rendered, String component) {
    return rendered.all(NetworkPolicy.class).stream()
        .filter(p -> Map.of("app.kubernetes.io/component", component).equals(p.getSpec().getPodSelector().getMatchLabels()))
        .flatMap(p -> p.getSpec().getIngress().stream())
        .filter(rule -> rule.getPorts().stream().anyMatch(port -> "grpc".equals(port.getPort().getStrVal())))
        .flatMap(rule -> rule.getFrom().isEmpty() ? java.util.stream.Stream.of("anyone")
            : rule.getFrom().stream().map(peer -> peer.getPodSelector() == null ? "other namespaces"
                : peer.getPodSelector().getMatchLabels().getOrDefault("app.kubernetes.io/component", "?")))
        .toList();
  }
}
