package dev.convoy.server.model;

import dev.convoy.batcher.BatcherConfig;
import dev.convoy.proto.inference.ModelConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A model's configuration after validation: everything the server needs, in plain types.
 *
 * @param config the parsed config.pbtxt with defaults filled in, as ModelConfig returns it
 * @param modelFileName the file inside each version directory that holds the model
 * @param backendParameters backend settings by key, e.g. {@code intra_op_thread_count}
 * @param batching how the model's queue forms batches (from {@code dynamic_batching})
 */
public record ModelSpec(
    String name,
    String platform,
    int maxBatchSize,
    List<TensorSpec> inputs,
    List<TensorSpec> outputs,
    List<InstanceGroup> instanceGroups,
    String modelFileName,
    Map<String, String> backendParameters,
    BatcherConfig batching,
    ModelConfig config) {

  /** The shape key of every request to a model with {@link #fixedShapes}. */
  public static final Object FIXED_SHAPE_KEY = "fixed";

  public ModelSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    instanceGroups = List.copyOf(instanceGroups);
    backendParameters = Map.copyOf(backendParameters);
  }

  /** The runtime that serves {@link #platform}. */
  public Platform runtime() {
    return Platform.byPlatformName(platform).orElseThrow();
  }

  /** Whether inputs and outputs carry a leading batch dimension. */
  public boolean batched() {
    return maxBatchSize > 0;
  }

  /** Whether a KIND_GPU instance may run on the CPU where CUDA is unavailable. */
  public boolean gpuFallsBackToCpu() {
    return "cpu".equals(backendParameters.get(ModelConfigValidator.GPU_FALLBACK));
  }

  /** The batch sizes worth warming up: 1, every preferred size, and the maximum. */
  public SortedSet<Integer> warmupBatchSizes() {
    SortedSet<Integer> sizes = new TreeSet<>(List.of(1, Math.max(1, maxBatchSize)));
    sizes.addAll(config.getDynamicBatching().getPreferredBatchSizeList());
    return sizes;
  }

  /** Whether every input's dimensions beyond the batch dimension are fixed (no -1). */
  public boolean fixedShapes() {
    for (TensorSpec input : inputs) {
      if (!input.fixed()) {
        return false;
      }
    }
    return true;
  }

  /** The position of a declared input; -1 if the model has none of that name. */
  public int inputIndex(String name) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  // These lookups run for every tensor of every request: loops over a few specs, no streams.
  public Optional<TensorSpec> input(String name) {
    return named(inputs, name);
  }

  public Optional<TensorSpec> output(String name) {
    return named(outputs, name);
  }

  /** The names of the declared outputs, in order. */
  public List<String> outputNames() {
    String[] names = new String[outputs.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = outputs.get(i).name();
    }
    return List.of(names);
  }

  private static Optional<TensorSpec> named(List<TensorSpec> specs, String name) {
    for (TensorSpec spec : specs) {
      if (spec.name().equals(name)) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }
}
