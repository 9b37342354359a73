package dev.convoy.server.model;

import dev.convoy.proto.inference.ModelOptimizationPolicy;
import dev.convoy.proto.inference.ModelOptimizationPolicy.ExecutionAccelerators.Accelerator;
import dev.convoy.server.error.InvalidModelConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code optimization} at load: ONNX Runtime's accelerators under Triton's names, each
 * with the parameters Convoy honours. Anything else fails the load naming the field.
 */
final class OptimizationRule {
  /** Triton's ONNX Runtime accelerator names and the parameters each takes here. */
  static final Map<String, Set<String>> GPU_ACCELERATORS = Map.of(
      "tensorrt", Set.of("precision_mode", "max_workspace_size_bytes"), "cuda", Set.of());
  static final Map<String, Set<String>> CPU_ACCELERATORS = Map.of("openvino", Set.of());
  private static final Set<String> PRECISION_MODES = Set.of("FP32", "FP16");

  private OptimizationRule() {}

  static void check(String model, Platform platform, ModelOptimizationPolicy optimization) {
    if (platform != Platform.ONNX && !optimization.equals(ModelOptimizationPolicy.getDefaultInstance())) {
      throw new InvalidModelConfigException(model, "optimization",
          "is honoured for the onnxruntime backend only, not " + platform.backendName());
    }
    var accelerators = optimization.getExecutionAccelerators();
    check(model, "optimization.execution_accelerators.gpu_execution_accelerator",
        accelerators.getGpuExecutionAcceleratorList(), GPU_ACCELERATORS);
    check(model, "optimization.execution_accelerators.cpu_execution_accelerator",
        accelerators.getCpuExecutionAcceleratorList(), CPU_ACCELERATORS);
  }

  private static void check(String model, String field, List<Accelerator> given, Map<String, Set<String>> known) {
    for (int i = 0; i < given.size(); i++) {
      Accelerator accelerator = given.get(i);
      String at = field + "[" + i + "]";
      Set<String> parameters = known.get(accelerator.getName());
      if (parameters == null) {
        throw new InvalidModelConfigException(model, at + ".name", "'" + accelerator.getName()
            + "' is not an ONNX Runtime accelerator here; supported: " + known.keySet());
      }
      accelerator.getParametersMap().forEach((key, value) -> {
        if (!parameters.contains(key)) {
          throw new InvalidModelConfigException(model, at + ".parameters[\"" + key + "\"]",
              "is not a parameter of '" + accelerator.getName() + "'; supported: " + parameters);
        }
        checkValue(model, at + ".parameters[\"" + key + "\"]", key, value);
      });
    }
  }

  private static void checkValue(String model, String field, String key, String value) {
    boolean valid = switch (key) {
      case "precision_mode" -> PRECISION_MODES.contains(value);
      case "max_workspace_size_bytes" -> value.matches("[1-9][0-9]{0,18}");
      default -> true;
    };
    if (!valid) {
      throw new InvalidModelConfigException(model, field, "invalid value '" + value + "'");
    }
  }
}
