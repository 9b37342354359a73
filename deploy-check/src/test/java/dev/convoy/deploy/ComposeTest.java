package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.RouterCommandLine;
import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * gpu-images/compose.yaml: every Convoy service's command parses with its own parser; the GPU
 * profile's router has the GPU server among its backends; the CPU-only profile runs without it.
 */
class ComposeTest {
  @Test
  void services_everyCommand_parsesWithItsService() {
    for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
      ConvoyService.ofImage((String) service.getValue().get("image")).ifPresent(convoy ->
          assertThat(CommandLines.parse(convoy, command(service.getValue()))).as(service.getKey()).isNotNull());
    }
  }

  @Test
  void gpuProfile_routesToTheGpuServerFirst_andSpillsToTheCpuServer() {
    Map<String, Map<String, Object>> services = services();
    Map<String, Object> router = services.get("router");
    List<BackendTarget> backends = RouterCommandLine.parse(command(router)).config().discovery().backends();

    assertThat(profiles(router)).containsExactly("gpu");
    assertThat(backends).extracting(BackendTarget::host, BackendTarget::kind)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("server-gpu", BackendKind.GPU),
            org.assertj.core.groups.Tuple.tuple("server", BackendKind.CPU));
    assertThat(command(router)).containsSubsequence("--policy", "gpu-first");
    backends.forEach(b -> assertThat(serverPort(services.get(b.host()))).as(b.host()).isEqualTo(b.port()));
    assertThat(profiles(services.get("server-gpu"))).containsExactly("gpu");
  }

  @Test
  void cpuOnlyProfile_routesToTheCpuServerAlone() {
    Map<String, Map<String, Object>> services = services();
    Map<String, Object> router = services.get("router-cpu");

    assertThat(profiles(router)).containsExactly("cpu-only");
    assertThat(RouterCommandLine.parse(command(router)).config().discovery().backends())
        .extracting(BackendTarget::host, BackendTarget::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("server", BackendKind.CPU));
    assertThat(services.get("server")).doesNotContainKey("profiles");
  }

  @Test
  void gpuServer_mountsTheGpuPoolsKindGpuConfigs() throws Exception {
    List<?> volumes = (List<?>) services().get("server-gpu").get("volumes");

    assertThat(volumes).isNotEmpty();
    for (Object volume : volumes) {
      String source = volume.toString().split(":")[0];
      String config = Files.readString(Paths.compose().getParent().resolve(source).normalize());
      assertThat(config).as(source).contains("kind: KIND_GPU").doesNotContain("KIND_CPU");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    try {
      Object compose = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Paths.compose()));
      return (Map<String, Map<String, Object>>) ((Map<String, Object>) compose).get("services");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> command(Map<String, Object> service) {
    return ((List<?>) service.get("command")).stream().map(Object::toString).toList();
  }

  private static List<String> profiles(Map<String, Object> service) {
    return ((List<?>) service.getOrDefault("profiles", List.of())).stream().map(Object::toString).toList();
  }

  private static int serverPort(Map<String, Object> server) {
    return (Integer) CommandLines.parse(ConvoyService.SERVER, command(server)).listeners().get("grpc");
  }

}
