package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of a kustomization agree with each other and with the services' command lines:
 * ports, probes and Service targets; the router's --dns names and the pools; the servers'
 * monitor and the trace collector; shutdown timing.
 */
class WiringTest {
  /** CoreDNS's default TTL for the records of a headless Service. */
  private static final Duration CLUSTER_DNS_TTL = Duration.ofSeconds(5);
  /** What a service does after its drain: cancel the rest, close channels, flush spans. */
  private static final Duration SHUTDOWN_EPILOGUE = Duration.ofSeconds(10);

  static List<String> kustomizations() {
    return Rendered.kustomizations();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void containers_listenOnTheirDeclaredPorts_andProbeThem(String name) {
    Rendered rendered = Rendered.of(name);
    List<String> failures = new ArrayList<>();
    for (ConvoyContainer convoy : CommandLineCheck.parseAll(rendered)) {
      convoy.command().listeners().forEach((role, port) -> {
        Optional<Integer> declared = Pods.namedPort(convoy.container(), role).map(p -> p.getContainerPort());
        if (port > 0 && !declared.equals(Optional.of(port))) {
          failures.add(convoy.where() + ": listens for " + role + " on " + port + ", declares " + declared);
        }
      });
    }
    for (Workload workload : rendered.workloads()) {
      for (Container container : workload.pod().getContainers()) {
        Pods.probes(container).forEach((kind, probe) -> {
          IntOrString port = Pods.probePort(probe);
          if (Pods.port(container, port).isEmpty()) {
            failures.add(workload.where(container) + ": " + kind + " calls port " + port.getValue()
                + ", which the container does not declare");
          }
        });
      }
    }
    assertThat(failures).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void services_selectPods_whoseContainersHaveTheirTargetPorts(String name) {
    Rendered rendered = Rendered.of(name);
    List<String> failures = new ArrayList<>();
    for (Service service : rendered.all(Service.class)) {
      List<Workload> selected = selected(rendered, service);
      if (selected.isEmpty()) {
        failures.add(name + ": Service " + service.getMetadata().getName() + " selects no pods");
      }
      for (Workload workload : selected) {
        for (ServicePort port : service.getSpec().getPorts()) {
          boolean found = workload.pod().getContainers().stream()
              .anyMatch(c -> Pods.port(c, port.getTargetPort()).isPresent());
          if (!found) {
            failures.add(name + ": Service " + service.getMetadata().getName() + " port " + port.getName()
                + " targets " + port.getTargetPort().getValue() + ", which " + workload.where() + " does not declare");
          }
        }
      }
    }
    assertThat(failures).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void router_resolvesEveryPool_throughItsHeadlessService_withThePoolsKind(String name) {
    Rendered rendered = Rendered.of(name);
    List<ConvoyContainer> convoy = CommandLineCheck.parseAll(rendered);
    List<String> failures = new ArrayList<>();
    List<String> poolsFound = new ArrayList<>();
    for (ConvoyContainer router : of(convoy, ConvoyService.ROUTER)) {
      assertThat(router.command().dnsTargets()).as(router.where() + " --dns").isNotEmpty();
      for (BackendTarget target : router.command().dnsTargets()) {
        Optional<Service> service = rendered.all(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(target.host())).findFirst();
        if (service.isEmpty() || !"None".equals(service.get().getSpec().getClusterIP())) {
          failures.add(router.where() + ": --dns " + target.address() + " names no headless Service");
          continue;
        }
        for (ConvoyContainer server : serversBehind(rendered, convoy, service.get(), target.port())) {
          poolsFound.add(server.workload().name());
          BackendKind kind = Pods.gpus(server.container()) > 0 ? BackendKind.GPU : BackendKind.CPU;
          if (target.kind() != kind) {
            failures.add(router.where() + ": --dns " + target.address() + " says kind " + target.kind() + ", but "
                + server.where() + " runs on " + kind);
          }
        }
      }
    }
    List<String> servers = of(convoy, ConvoyService.SERVER).stream().map(c -> c.workload().name()).toList();
    assertThat(failures).as(name).isEmpty();
    assertThat(poolsFound).as(name + ": server pools the routers resolve").containsExactlyInAnyOrderElementsOf(servers);
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void servers_sampleToTheMonitor_andEveryServiceTracesToTheCollector(String name) {
    Rendered rendered = Rendered.of(name);
    List<ConvoyContainer> convoy = CommandLineCheck.parseAll(rendered);
    List<String> failures = new ArrayList<>();
    for (ConvoyContainer server : of(convoy, ConvoyService.SERVER)) {
      String monitor = server.command().monitorAddress().orElse("");
      URI address = URI.create("grpc://" + monitor);
      if (!reaches(rendered, convoy, address.getHost(), address.getPort(), ConvoyService.MONITOR)) {
        failures.add(server.where() + ": --monitor '" + monitor + "' reaches no monitor's gRPC port");
      }
    }
    for (ConvoyContainer service : convoy) {
      URI endpoint = URI.create(Pods.env(service.container(), "OTEL_EXPORTER_OTLP_ENDPOINT").orElse("http://none:0"));
      Optional<Service> collector = rendered.all(Service.class).stream()
          .filter(s -> s.getMetadata().getName().equals(endpoint.getHost())).findFirst();
      if (collector.isEmpty() || collector.get().getSpec().getPorts().stream()
          .noneMatch(p -> p.getPort() == endpoint.getPort())) {
        failures.add(service.where() + ": OTEL_EXPORTER_OTLP_ENDPOINT " + endpoint + " names no Service port");
      }
    }
    assertThat(failures).as(name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void shutdown_preStopAndDrain_fitTheTerminationGrace(String name) {
    Rendered rendered = Rendered.of(name);
    List<ConvoyContainer> convoy = CommandLineCheck.parseAll(rendered);
    List<String> failures = new ArrayList<>();
    for (ConvoyContainer service : convoy) {
      Duration needed = Pods.preStopSleep(service.container())
          .plus(service.command().shutdownGrace().orElse(Duration.ZERO)).plus(SHUTDOWN_EPILOGUE);
      Duration granted = Duration.ofSeconds(service.workload().pod().getTerminationGracePeriodSeconds());
      if (granted.compareTo(needed) < 0) {
        failures.add(service.where() + ": terminationGracePeriodSeconds " + granted.toSeconds() + " < preStop + grace + "
            + SHUTDOWN_EPILOGUE.toSeconds() + " s = " + needed.toSeconds());
      }
    }
    for (ConvoyContainer router : of(convoy, ConvoyService.ROUTER)) {
      // A server leaving must stay up until every router has stopped resolving it.
      Duration forgotten = CLUSTER_DNS_TTL.plus(router.command().dnsRefresh().orElseThrow())
          .plus(jvmDnsCache(router.container()));
      for (ConvoyContainer server : of(convoy, ConvoyService.SERVER)) {
        Duration sleep = Pods.preStopSleep(server.container());
        if (sleep.compareTo(forgotten) < 0) {
          failures.add(server.where() + ": preStop sleeps " + sleep.toSeconds() + " s, but " + router.where()
              + " may still resolve it for " + forgotten.toSeconds() + " s (DNS TTL + --dns-refresh + JVM cache)");
        }
      }
    }
    assertThat(failures).as(name).isEmpty();
  }

  /** The router JVM's DNS cache: {@code -Dsun.net.inetaddr.ttl} in JAVA_TOOL_OPTIONS, else the JDK's 30 s. */
  private static Duration jvmDnsCache(Container container) {
    String options = Pods.env(container, "JAVA_TOOL_OPTIONS").orElse("");
    java.util.regex.Matcher ttl = java.util.regex.Pattern.compile("-Dsun\\.net\\.inetaddr\\.ttl=(\\d+)").matcher(options);
    return Duration.ofSeconds(ttl.find() ? Long.parseLong(ttl.group(1)) : 30);
  }

  private static List<ConvoyContainer> of(List<ConvoyContainer> convoy, ConvoyService service) {
    return convoy.stream().filter(c -> c.service() == service).toList();
  }

  private static List<Workload> selected(Rendered rendered, Service service) {
    return rendered.workloads().stream().filter(w -> w.selectedBy(service.getSpec().getSelector())).toList();
  }

  /** The servers a Service port sends to, checked to listen where the port targets. */
  private static List<ConvoyContainer> serversBehind(Rendered rendered, List<ConvoyContainer> convoy, Service service,
      int port) {
    Optional<ServicePort> servicePort = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst();
    if (servicePort.isEmpty()) {
      return List.of();
    }
    List<Workload> pods = selected(rendered, service);
    return of(convoy, ConvoyService.SERVER).stream().filter(c -> pods.contains(c.workload()))
        .filter(c -> Pods.port(c.container(), servicePort.get().getTargetPort())
            .map(p -> p.getContainerPort().equals(c.command().listeners().get("grpc"))).orElse(false))
        .toList();
  }

  /** Whether {@code host:port} is a Service port that lands on {@code service}'s gRPC listener. */
  private static boolean reaches(Rendered rendered, List<ConvoyContainer> convoy, String host, int port,
      ConvoyService service) {
    return rendered.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(host))
        .anyMatch(s -> s.getSpec().getPorts().stream().filter(p -> p.getPort() == port).anyMatch(p ->
            of(convoy, service).stream().filter(c -> selected(rendered, s).contains(c.workload()))
                .anyMatch(c -> Pods.port(c.container(), p.getTargetPort())
                    .map(cp -> cp.getContainerPort().equals(c.command().listeners().get("grpc"))).orElse(false))));
  }
}
