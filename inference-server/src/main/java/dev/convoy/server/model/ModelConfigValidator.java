package dev.convoy.server.model;

import dev.convoy.server.sampling.SamplingPolicy;

import dev.convoy.batcher.BatcherConfig;
import dev.convoy.batcher.QueuePolicy;
import dev.convoy.proto.inference.ModelConfig;
import dev.convoy.proto.inference.ModelDynamicBatching;
import dev.convoy.proto.inference.ModelInput;
import dev.convoy.proto.inference.ModelInstanceGroup;
import dev.convoy.proto.inference.ModelParameter;
import dev.convoy.proto.inference.ModelQueuePolicy;
import dev.convoy.proto.inference.ModelVersionPolicy;
import dev.convoy.server.error.InvalidModelConfigException;
import dev.convoy.server.tensor.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks a parsed {@link ModelConfig} field by field and builds the {@link ModelSpec}. */
final class ModelConfigValidator {
  /** Triton's default scheduler queue is unbounded; Convoy bounds it so overload refuses early. */
  static final int UNBATCHED_QUEUE_SIZE = 1024;
  static final String INTRA_OP_THREADS = "intra_op_thread_count";
  static final String INTER_OP_THREADS = "inter_op_thread_count";
  private static final Set<String> THREAD_PARAMETERS = Set.of(INTRA_OP_THREADS, INTER_OP_THREADS);
  /** Triton's PyTorch backend spells the thread settings in capitals; read as the above. */
  private static final Map<String, String> PYTORCH_ALIASES = Map.of(
      "INTRA_OP_THREAD_COUNT", INTRA_OP_THREADS, "INTER_OP_THREAD_COUNT", INTER_OP_THREADS);
  static final String GPU_FALLBACK = "gpu_fallback";
  private static final Set<String> GPU_FALLBACKS = Set.of("fail", "cpu");

  private final String model;
  private final ModelConfig config;
  /** Where the config came from, as errors name it: config.pbtxt or the load request. */
  private final String source;
  private Platform platform;

  ModelConfigValidator(String model, ModelConfig config, String source) {
    this.model = model;
    this.config = config;
    this.source = source;
  }

  ModelSpec validate() {
    if (!config.getName().isEmpty() && !config.getName().equals(model)) {
      throw invalid("name", "'" + config.getName() + "' differs from the model directory '" + model + "'");
    }
    if (config.getMaxBatchSize() < 0) {
      throw invalid("max_batch_size", "must be >= 0, got " + config.getMaxBatchSize());
    }
    platform = platform();
    validateVersionPolicy();
    String modelFile = config.getDefaultModelFilename().isEmpty()
        ? platform.defaultModelFile() : config.getDefaultModelFilename();
    if (modelFile.contains("/") || modelFile.contains("\\") || modelFile.startsWith(".")) {
      throw invalid("default_model_filename", "must be a plain file name, got '" + modelFile + "'");
    }
    OptimizationRule.check(model, platform, config.getOptimization());
    return new ModelSpec(model, platform.platformName(), config.getMaxBatchSize(), inputs(), outputs(),
        instanceGroups(), modelFile, parameters(), batching(), completedConfig(modelFile));
  }

  private Platform platform() {
    String platformName = config.getPlatform();
    String backendName = config.getBackend();
    if (platformName.isEmpty() && backendName.isEmpty()) {
      throw invalid("platform", "neither platform nor backend is set; Convoy serves " + Platform.supportedNames());
    }
    Optional<Platform> byPlatform = Platform.byPlatformName(platformName);
    if (!platformName.isEmpty() && byPlatform.isEmpty()) {
      throw invalid("platform", "unsupported platform '" + platformName + "'; supported: " + Platform.supportedNames());
    }
    Optional<Platform> byBackend = Platform.byBackendName(backendName);
    if (!backendName.isEmpty() && byBackend.isEmpty()) {
      throw invalid("backend", "unsupported backend '" + backendName + "'; supported: " + Platform.supportedNames());
    }
    if (byPlatform.isPresent() && byBackend.isPresent() && byPlatform.get() != byBackend.get()) {
      throw invalid("backend", "'" + backendName + "' does not run platform '" + platformName + "'");
    }
    return byPlatform.or(() -> byBackend).orElseThrow();
  }

  private void validateVersionPolicy() {
    ModelVersionPolicy policy = config.getVersionPolicy();
    if (policy.hasSpecific() && policy.getSpecific().getVersionsCount() == 0) {
      throw invalid("version_policy.specific.versions", "lists no versions");
    }
    if (policy.hasSpecific() && policy.getSpecific().getVersionsList().stream().anyMatch(v -> v < 0)) {
      throw invalid("version_policy.specific.versions", "versions must be >= 0");
    }
  }

  private List<TensorSpec> inputs() {
    for (int i = 0; i < config.getInputCount(); i++) {
      ModelInput input = config.getInput(i);
      if (input.getFormat() != ModelInput.Format.FORMAT_NONE && input.getDimsCount() != 3) {
        throw invalid("input[" + i + "].format", input.getFormat() + " of '" + input.getName()
            + "' needs exactly 3 dims, got " + input.getDimsList());
      }
    }
    return tensors("input", config.getInputList().stream()
        .map(in -> new Declared(in.getName(), in.getDataType(), in.getDimsList(),
            in.hasReshape() ? Optional.of(in.getReshape().getShapeList()) : Optional.empty(), "")).toList());
  }

  private List<TensorSpec> outputs() {
    return tensors("output", config.getOutputList().stream()
        .map(out -> new Declared(out.getName(), out.getDataType(), out.getDimsList(),
            out.hasReshape() ? Optional.of(out.getReshape().getShapeList()) : Optional.empty(),
            out.getLabelFilename())).toList());
  }

  /** A tensor as config.pbtxt declares it, input or output alike. */
  private record Declared(String name, dev.convoy.proto.inference.DataType type, List<Long> dims,
      Optional<List<Long>> reshape, String labelFile) {}

  /** @param field "input" or "output", as config.pbtxt spells the repeated field */
  private List<TensorSpec> tensors(String field, List<Declared> declared) {
    if (declared.isEmpty()) {
      throw invalid(field, "the model declares no " + field + "s");
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      Declared tensor = declared.get(i);
      String at = field + "[" + i + "]";
      TensorSpec spec = tensor(at, tensor.name(), tensor.type(), tensor.dims());
      long[] modelDims = tensor.reshape().map(r -> ReshapeRule.check(model, at, field, spec, r))
          .orElse(spec.dims());
      specs.add(new TensorSpec(spec.name(), spec.type(), spec.dims(), modelDims,
          labelFile(at + ".label_filename", tensor.labelFile())));
    }
    requireUniqueNames(field, specs);
    return specs;
  }

  private TensorSpec tensor(String field, String name, dev.convoy.proto.inference.DataType configType, List<Long> dims) {
    if (name.isEmpty()) {
      throw invalid(field + ".name", "is empty");
    }
    DataType type = DataType.fromConfigType(configType)
        .orElseThrow(() -> invalid(field + ".data_type", "is missing or invalid for '" + name + "'"));
    if (!platform.supports(type)) {
      throw invalid(field + ".data_type", type.configType() + " of '" + name
          + "' is not supported by the " + platform.backendName() + " backend");
    }
    if (dims.isEmpty() && config.getMaxBatchSize() == 0) {
      throw invalid(field + ".dims", "'" + name + "' needs dims when max_batch_size is 0");
    }
    if (dims.stream().anyMatch(d -> d == 0 || d < -1)) {
      throw invalid(field + ".dims", "'" + name + "' has dims " + dims + "; each must be > 0 or -1");
    }
    return new TensorSpec(name, type, dims.stream().mapToLong(Long::longValue).toArray());
  }

  private String labelFile(String field, String file) {
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw invalid(field, "must be a plain file name in the model's directory, got '" + file + "'");
    }
    return file;
  }

  private void requireUniqueNames(String field, List<TensorSpec> specs) {
    Set<String> seen = new HashSet<>();
    for (TensorSpec spec : specs) {
      if (!seen.add(spec.name())) {
        throw invalid(field, "declares '" + spec.name() + "' twice");
      }
    }
  }

  private List<InstanceGroup> instanceGroups() {
    if (config.getInstanceGroupCount() == 0) {
      return List.of(new InstanceGroup(model + "_0", InstanceGroup.Device.CPU, 1, List.of()));
    }
    List<InstanceGroup> groups = new ArrayList<>();
    for (int i = 0; i < config.getInstanceGroupCount(); i++) {
      groups.add(instanceGroup("instance_group[" + i + "]", i, config.getInstanceGroup(i)));
    }
    return groups;
  }

  private InstanceGroup instanceGroup(String field, int index, ModelInstanceGroup group) {
    if (group.getCount() < 0) {
      throw invalid(field + ".count", "must be >= 0, got " + group.getCount());
    }
    InstanceGroup.Device device = switch (group.getKind()) {
      case KIND_AUTO, KIND_CPU -> InstanceGroup.Device.CPU;
      case KIND_GPU -> InstanceGroup.Device.GPU;
      default -> throw invalid(field + ".kind", group.getKind() + " is not supported; use KIND_CPU or KIND_GPU");
    };
    if (device == InstanceGroup.Device.CPU && group.getGpusCount() > 0) {
      throw invalid(field + ".gpus", "is only valid with kind KIND_GPU");
    }
    // KIND_GPU without gpus means every GPU, counted when the instances are placed.
    List<Integer> gpus = group.getGpusList();
    if (gpus.stream().anyMatch(g -> g < 0)) {
      throw invalid(field + ".gpus", "device ids must be >= 0, got " + gpus);
    }
    String name = group.getName().isEmpty() ? model + "_" + index : group.getName();
    return new InstanceGroup(name, device, Math.max(1, group.getCount()), gpus);
  }

  private BatcherConfig batching() {
    if (!config.hasDynamicBatching()) {
      return BatcherConfig.unbatched(config.getMaxBatchSize(), UNBATCHED_QUEUE_SIZE);
    }
    ModelDynamicBatching batching = config.getDynamicBatching();
    if (config.getMaxBatchSize() == 0) {
      throw invalid("dynamic_batching", "needs max_batch_size > 0");
    }
    try {
      BatcherConfig.Builder builder = BatcherConfig.dynamic(config.getMaxBatchSize())
          .preferredBatchSizes(batching.getPreferredBatchSizeList())
          .maxQueueDelayMicros(batching.getMaxQueueDelayMicroseconds())
          .preserveOrdering(batching.getPreserveOrdering())
          .defaultQueuePolicy(queuePolicy(batching.getDefaultQueuePolicy()));
      if (batching.getPriorityLevels() > 0 || batching.getDefaultPriorityLevel() > 0) {
        builder.priorityLevels(Math.toIntExact(batching.getPriorityLevels()),
            Math.toIntExact(batching.getDefaultPriorityLevel()));
      }
      batching.getPriorityQueuePolicyMap().forEach((level, policy) ->
          builder.priorityQueuePolicy(Math.toIntExact(level), queuePolicy(policy)));
      return builder.build();
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw invalid("dynamic_batching", e.getMessage());
    }
  }

  private static QueuePolicy queuePolicy(ModelQueuePolicy policy) {
    QueuePolicy.TimeoutAction action = policy.getTimeoutAction() == ModelQueuePolicy.TimeoutAction.DELAY
        ? QueuePolicy.TimeoutAction.DELAY : QueuePolicy.TimeoutAction.REJECT;
    return new QueuePolicy(policy.getMaxQueueSize(), policy.getDefaultTimeoutMicroseconds(),
        policy.getAllowTimeoutOverride(), action);
  }

  private Map<String, String> parameters() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, ModelParameter> entry : config.getParametersMap().entrySet()) {
      String key = platform == Platform.PYTORCH
          ? PYTORCH_ALIASES.getOrDefault(entry.getKey(), entry.getKey()) : entry.getKey();
      String field = "parameters[\"" + entry.getKey() + "\"]";
      String value = entry.getValue().getStringValue();
      if (THREAD_PARAMETERS.contains(key)) {
        if (!value.matches("[1-9][0-9]{0,3}")) {
          throw invalid(field, "must be a positive integer, got '" + value + "'");
        }
      } else if (key.equals(SamplingPolicy.RATE_PARAMETER)) {
        try {
          SamplingPolicy.checked(field, value);
        } catch (IllegalArgumentException e) {
          throw invalid(field, "must be a number in [0, 1], got '" + value + "'");
        }
      } else if (key.equals(SamplingPolicy.SCORES_PARAMETER)) {
        // Any output name; an output that does not exist samples no scores.
      } else if (key.equals(GPU_FALLBACK)) {
        if (!GPU_FALLBACKS.contains(value)) {
          throw invalid(field, "must be one of " + GPU_FALLBACKS + ", got '" + value + "'");
        }
      } else {
        throw invalid(field, "is not a setting of the " + platform.backendName() + " backend; supported: "
            + THREAD_PARAMETERS + ", " + GPU_FALLBACK + " and the monitor's " + SamplingPolicy.RATE_PARAMETER
            + ", " + SamplingPolicy.SCORES_PARAMETER);
      }
      values.put(key, value);
    }
    return values;
  }

  private ModelConfig completedConfig(String modelFile) {
    ModelConfig.Builder completed = config.toBuilder().setName(model).setDefaultModelFilename(modelFile);
    if (config.getPlatform().isEmpty()) {
      completed.setPlatform(platform.platformName());
    }
    if (!config.hasVersionPolicy()) {
      completed.setVersionPolicy(ModelVersionPolicy.newBuilder()
          .setLatest(ModelVersionPolicy.Latest.newBuilder().setNumVersions(1)));
    }
    return completed.build();
  }

  private InvalidModelConfigException invalid(String field, String problem) {
    return new InvalidModelConfigException(model, source, field, problem);
  }
}
