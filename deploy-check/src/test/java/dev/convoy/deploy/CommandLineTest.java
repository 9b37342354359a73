package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Convoy container's args, through the real service's option parser. */
class CommandLineTest {
  static List<String> kustomizations() {
    return Rendered.kustomizations();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void containers_everyCommandLine_parsesWithItsService(String name) {
    List<String> failures = new ArrayList<>();
    List<ConvoyContainer> parsed = CommandLineCheck.parse(Rendered.of(name), failures);

    assertThat(failures).as(name).isEmpty();
    assertThat(parsed).extracting(ConvoyContainer::service).as(name)
        .contains(ConvoyService.SERVER, ConvoyService.ROUTER, ConvoyService.MONITOR);
  }

  @Test
  void parse_unknownFlag_failsNamingManifestContainerAndFlag() {
    Rendered rendered = Rendered.parse("overlays/example", Kustomize.build(Paths.k8s().resolve("base"))
        .replace("- --dns-refresh", "- --no-such-flag\n        - --dns-refresh"));
    List<String> failures = new ArrayList<>();

    CommandLineCheck.parse(rendered, failures);

    assertThat(failures).singleElement().asString()
        .contains("overlays/example: Deployment/convoy-router container router")
        .contains("convoy-router does not know [--no-such-flag]");
  }

  @Test
  void parse_valueTheServiceRefuses_fails() {
    assertThatThrownBy(() -> CommandLines.parse(ConvoyService.SERVER,
        List.of("--model-repository", "/m", "--shutdown-grace", "30s")))
        .hasMessageContaining("convoy-server refuses its arguments").hasMessageContaining("30s");
    assertThatThrownBy(() -> CommandLines.parse(ConvoyService.ROUTER, List.of("--dns", "pool:8001,kind=TPU")))
        .hasMessageContaining("convoy-router refuses its arguments");
    assertThatThrownBy(() -> CommandLines.parse(ConvoyService.MONITOR, List.of("--window", "soon")))
        .hasMessageContaining("convoy-monitor refuses its arguments");
  }

  @Test
  void parse_routerDnsTargets_comeWithKindAndWeight() {
    ParsedCommand router = CommandLines.parse(ConvoyService.ROUTER,
        List.of("--dns", "convoy-server-gpu:8001,kind=GPU,weight=4", "--dns-refresh", "5s"));

    assertThat(router.dnsTargets()).singleElement().satisfies(target -> {
      assertThat(target.host()).isEqualTo("convoy-server-gpu");
      assertThat(target.port()).isEqualTo(8001);
      assertThat(target.kind().name()).isEqualTo("GPU");
      assertThat(target.weight()).isEqualTo(4);
    });
  }

  @Test
  void serviceOfImage_registryAndTag_areIgnored() {
    assertThat(ConvoyService.ofImage("registry.example:5000/convoy/router:1.2")).contains(ConvoyService.ROUTER);
    assertThat(ConvoyService.ofImage("convoy/inference-server:cuda")).contains(ConvoyService.SERVER);
    assertThat(ConvoyService.ofImage("jaegertracing/all-in-one:1.62.0")).isEmpty();
  }
}
