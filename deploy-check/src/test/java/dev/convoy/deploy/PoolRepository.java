package dev.convoy.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A server pool's model repository as its pods build it: the pool's ConfigMap of model
 * configs, and the {@code model-repository} init container's script, run here with sh over
 * the sample models.
 */
final class PoolRepository {
  static final String INIT_CONTAINER = "model-repository";
  static final String CONFIGS_VOLUME = "pool-models";

  private PoolRepository() {}

  /** The pool's model configs: model name to config.pbtxt text. */
  static Map<String, String> configs(Rendered rendered, Workload pool) {
    String configMap = pool.pod().getVolumes().stream().filter(v -> v.getName().equals(CONFIGS_VOLUME)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(pool.where() + ": no volume " + CONFIGS_VOLUME))
        .getConfigMap().getName();
    Map<String, String> configs = new java.util.TreeMap<>();
    rendered.get(ConfigMap.class, configMap).getData()
        .forEach((key, text) -> configs.put(key.replaceFirst("\\.pbtxt$", ""), text));
    return configs;
  }

  /**
   * Runs the pool's init container script with its environment, the sample models as the
   * image's /models, and the pool's configs as the mounted ConfigMap.
   *
   * @return the repository it built, under {@code workDir}
   */
  static Path build(Rendered rendered, Workload pool, Path workDir) {
    Container init = pool.pod().getInitContainers().stream().filter(c -> c.getName().equals(INIT_CONTAINER))
        .findFirst().orElseThrow(() -> new NoSuchElementException(pool.where() + ": no init container " + INIT_CONTAINER));
    try {
      Path configs = Files.createDirectories(workDir.resolve("pool-models"));
      Path repository = Files.createDirectories(workDir.resolve("repository"));
      for (Map.Entry<String, String> config : configs(rendered, pool).entrySet()) {
        Files.writeString(configs.resolve(config.getKey() + ".pbtxt"), config.getValue());
      }
      Map<String, String> where = Map.of("MODEL_FILES", Paths.models().toString(), "POOL_CONFIGS", configs.toString(),
          "REPOSITORY", repository.toString());
      List<String> command = new ArrayList<>(List.of("env"));
      for (EnvVar env : init.getEnv()) {
        command.add(env.getName() + "=" + where.getOrDefault(env.getName(), env.getValue()));
      }
      command.addAll(init.getCommand());
      command.addAll(init.getArgs());
      Processes.run(command, "", 60);
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
