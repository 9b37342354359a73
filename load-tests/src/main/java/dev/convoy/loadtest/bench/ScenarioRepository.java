package dev.convoy.loadtest.bench;

import com.google.protobuf.TextFormat;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelDynamicBatching;
import dev.convoy.proto.inference.ModelInstanceGroup;
import dev.convoy.proto.inference.ModelParameter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temporary model repository holding one model of a source repository, its
 * {@code config.pbtxt} rewritten for a {@link ModelVariant}. Each served variant gets its own
 * copy, so the shipped repository is never touched and variants cannot leak into each other.
 *
 * <p>Only what the server reads is copied: {@code config.pbtxt} and, from each version
 * directory, the model file ({@code default_model_filename}, {@code model.onnx} by default).
 */
public final class ScenarioRepository implements AutoCloseable {

  static final String CONFIG_FILE = "config.pbtxt";
  private static final String DEFAULT_MODEL_FILE = "model.onnx";
  private static final String TORCHSCRIPT_MODEL_FILE = "model.pt";
  static final String INTRA_OP_THREADS = "intra_op_thread_count";

  private final Path root;

  private ScenarioRepository(Path root) {
    this.root = root;
  }

  /**
   * Copies {@code model} from {@code source} into a new temporary directory.
   *
   * @throws IOException when the model or its files cannot be read, or its config does not
   *     parse (the message names the model)
   */
  public static ScenarioRepository create(Path source, String model, ModelVariant variant)
      throws IOException {
    Path modelDir = source.resolve(model);
    Path configFile = modelDir.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new IOException("model '" + model + "' has no " + CONFIG_FILE + " in " + source);
    }
    String config = Files.readString(configFile, StandardCharsets.UTF_8);
    String rewritten;
    String modelFile;
    try {
      rewritten = rewrite(config, variant);
      modelFile = modelFileName(config);
    } catch (TextFormat.ParseException e) {
      throw new IOException("model '" + model + "': " + CONFIG_FILE + ": " + e.getMessage(), e);
    }
    Path root = Files.createTempDirectory("convoy-bench-" + variant.name() + "-");
    ScenarioRepository repository = new ScenarioRepository(root);
    try {
      Path target = Files.createDirectories(root.resolve(model));
      Files.writeString(target.resolve(CONFIG_FILE), rewritten, StandardCharsets.UTF_8);
      for (Path version : versionDirectories(modelDir)) {
        Path versionTarget = Files.createDirectories(target.resolve(version.getFileName()));
        Files.copy(version.resolve(modelFile), versionTarget.resolve(modelFile));
      }
      return repository;
    } catch (IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
  }

  /**
   * The config text for {@code variant}: the shipped text unchanged for
   * {@link ModelVariant#SHIPPED}, otherwise the parsed config with the variant's fields set
   * (and {@code dynamic_batching} removed when the variant has none), printed again.
   *
   * @throws TextFormat.ParseException when the text is not a valid model config
   */
  public static String rewrite(String configText, ModelVariant variant)
      throws TextFormat.ParseException {
    if (variant.shipped()) {
      return configText;
    }
    ModelConfig.Builder config = ModelConfig.newBuilder();
    TextFormat.getParser().merge(configText, config);
    if (variant.maxBatchSize() > 0) {
      config.setMaxBatchSize(variant.maxBatchSize());
    }
    if (variant.instances() > 0) {
      config.clearInstanceGroup().addInstanceGroup(ModelInstanceGroup.newBuilder()
          .setCount(variant.instances())
          .setKind(ModelInstanceGroup.Kind.KIND_CPU));
    }
    if (variant.intraOpThreads() > 0) {
      config.putParameters(INTRA_OP_THREADS, ModelParameter.newBuilder()
          .setStringValue(Integer.toString(variant.intraOpThreads())).build());
    }
    ModelVariant.Batching batching = variant.batching();
    if (batching == null) {
      config.clearDynamicBatching();
    } else {
      config.setDynamicBatching(ModelDynamicBatching.newBuilder()
          .setMaxQueueDelayMicroseconds(batching.maxQueueDelayMicros())
          .addAllPreferredBatchSize(batching.preferredBatchSizes()));
    }
    return TextFormat.printer().printToString(config.build());
  }

  private static String modelFileName(String configText) throws TextFormat.ParseException {
    ModelConfig.Builder config = ModelConfig.newBuilder();
    TextFormat.getParser().merge(configText, config);
    String name = config.getDefaultModelFilename();
    if (!name.isEmpty()) {
      return name;
    }
    boolean torchScript = config.getPlatform().equals("pytorch_libtorch")
        || config.getBackend().equals("pytorch");
    return torchScript ? TORCHSCRIPT_MODEL_FILE : DEFAULT_MODEL_FILE;
  }

  private static List<Path> versionDirectories(Path modelDir) throws IOException {
    try (Stream<Path> children = Files.list(modelDir)) {
      List<Path> versions = children
          .filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .sorted()
          .toList();
      if (versions.isEmpty()) {
        throw new IOException("model directory " + modelDir + " has no version directories");
      }
      return versions;
    }
  }

  /** The repository root to hand the server: it holds the one model's directory. */
  public Path root() {
    return root;
  }

  /** Deletes the copy; again does nothing. */
  @Override
  public void close() {
    DirectoryTrees.delete(root);
  }
}
