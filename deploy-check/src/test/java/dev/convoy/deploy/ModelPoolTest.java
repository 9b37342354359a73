package dev.convoy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TextFormat;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelInstanceGroup;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelConfigParser;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.repository.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each pool serves the sample models with its own instance groups (KIND_GPU on the GPU pool,
 * KIND_CPU on the CPU pool), its configs otherwise the repository's own, and its init
 * container builds a repository the server reads.
 */
class ModelPoolTest {
  static List<String> kustomizations() {
    return Rendered.kustomizations();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void poolConfigs_parse_withThePoolsDevice_andMatchTheRepositoryOtherwise(String name) throws Exception {
    Rendered rendered = Rendered.of(name);
    for (ConvoyContainer server : servers(rendered)) {
      InstanceGroup.Device device = Pods.gpus(server.container()) > 0 ? InstanceGroup.Device.GPU : InstanceGroup.Device.CPU;
      Map<String, String> configs = PoolRepository.configs(rendered, server.workload());
      assertThat(configs).as(server.where()).isNotEmpty();
      for (Map.Entry<String, String> config : configs.entrySet()) {
        ModelSpec spec = ModelConfigParser.parse(config.getKey(), config.getValue());
        assertThat(spec.instanceGroups()).as(server.where() + " " + config.getKey())
            .isNotEmpty().allMatch(group -> group.device() == device);
        String repositoryConfig = Files.readString(Paths.models().resolve(config.getKey()).resolve("config.pbtxt"));
        assertThat(withoutDevices(config.getValue())).as(server.where() + " " + config.getKey() + " against models/")
            .isEqualTo(withoutDevices(repositoryConfig));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void initContainer_buildsTheRepositoryTheServerReads(String name, @TempDir Path work) throws Exception {
    Rendered rendered = Rendered.of(name);
    for (ConvoyContainer server : servers(rendered)) {
      Map<String, String> configs = PoolRepository.configs(rendered, server.workload());
      ModelRepository repository = new ModelRepository(
          PoolRepository.build(rendered, server.workload(), work.resolve(server.workload().name())));

      assertThat(repository.modelNames()).as(server.where()).containsExactlyInAnyOrderElementsOf(configs.keySet());
      ModelRepository samples = new ModelRepository(Paths.models());
      for (String model : configs.keySet()) {
        assertThat(repository.readConfig(model)).isEqualTo(configs.get(model));
        assertThat(repository.versions(model)).as(model).isEqualTo(samples.versions(model));
      }
    }
  }

  static List<ConvoyContainer> servers(Rendered rendered) {
    return CommandLineCheck.parseAll(rendered).stream().filter(c -> c.service() == ConvoyService.SERVER).toList();
  }

  /** The config with every instance group's kind cleared. */
  private static ModelConfig withoutDevices(String text) throws TextFormat.ParseException {
    ModelConfig.Builder config = ModelConfig.newBuilder();
    TextFormat.getParser().merge(text, config);
    config.getInstanceGroupBuilderList().forEach(ModelInstanceGroup.Builder::clearKind);
    return config.build();
  }
}
