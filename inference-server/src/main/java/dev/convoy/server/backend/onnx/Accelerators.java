package dev.convoy.server.backend.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.convoy.proto.inference.ModelOptimizationPolicy.ExecutionAccelerators.Accelerator;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.ModelSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds an instance's execution providers in Triton's order of priority: for a KIND_GPU instance
 * its {@code gpu_execution_accelerator}s then CUDA, then the {@code cpu_execution_accelerator}s,
 * then ONNX Runtime's default CPU provider. A provider this build or host cannot run fails the
 * load naming it, or, where the config says {@code gpu_fallback: "cpu"}, is left out with a
 * warning: the rule KIND_GPU follows where CUDA is unavailable.
 */
final class Accelerators {
  private static final Logger log = LoggerFactory.getLogger(Accelerators.class);
  private static final String GPU_FIELD = "optimization.execution_accelerators.gpu_execution_accelerator";
  private static final String CPU_FIELD = "optimization.execution_accelerators.cpu_execution_accelerator";

  private Accelerators() {}

  /** @return the device the instance runs on: {@code cuda:N} when a GPU provider was added, else {@code cpu} */
  static String place(ModelSpec spec, OrtSession.SessionOptions options, boolean onGpu, int gpu) {
    var accelerators = spec.config().getOptimization().getExecutionAccelerators();
    boolean gpuProvider = false;
    if (onGpu) {
      List<Accelerator> gpuAccelerators = accelerators.getGpuExecutionAcceleratorList();
      for (int i = 0; i < gpuAccelerators.size(); i++) {
        gpuProvider |= add(spec, GPU_FIELD + "[" + i + "]", gpuAccelerators.get(i), options, gpu);
      }
      gpuProvider |= add(spec, "instance_group (KIND_GPU, device " + gpu + ")",
          Accelerator.newBuilder().setName("cuda").build(), options, gpu);
    }
    List<Accelerator> cpuAccelerators = accelerators.getCpuExecutionAcceleratorList();
    for (int i = 0; i < cpuAccelerators.size(); i++) {
      add(spec, CPU_FIELD + "[" + i + "]", cpuAccelerators.get(i), options, gpu);
    }
    return gpuProvider ? "cuda:" + gpu : "cpu";
  }

  /** @return whether the provider was added */
  private static boolean add(ModelSpec spec, String field, Accelerator accelerator, OrtSession.SessionOptions options,
      int gpu) {
    try {
      switch (accelerator.getName()) {
        case "tensorrt" -> options.addTensorrt(tensorRt(accelerator, gpu));
        case "cuda" -> options.addCUDA(gpu);
        case "openvino" -> options.addOpenVINO("");
        default -> throw new IllegalStateException("validation admits no accelerator '" + accelerator.getName() + "'");
      }
      log.info("model '{}': {} execution provider added ({})", spec.name(), display(accelerator.getName()), field);
      return true;
    } catch (OrtException | UnsatisfiedLinkError e) {
      String problem = "model '" + spec.name() + "': " + field + " asks for the " + display(accelerator.getName())
          + " execution provider, which is unavailable here: " + e.getMessage();
      if (!spec.gpuFallsBackToCpu()) {
        throw new ModelLoadException(problem + " (set parameters gpu_fallback: \"cpu\" to run without it)", e);
      }
      log.warn("{}; running without it, as parameters gpu_fallback asks", problem);
      return false;
    }
  }

  private static String display(String name) {
    return switch (name) {
      case "tensorrt" -> "TensorRT";
      case "cuda" -> "CUDA";
      case "openvino" -> "OpenVINO";
      default -> name;
    };
  }

  /** Triton's TensorRT parameters as ONNX Runtime's provider options. */
  private static OrtTensorRTProviderOptions tensorRt(Accelerator accelerator, int gpu) throws OrtException {
    OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(gpu);
    String precision = accelerator.getParametersOrDefault("precision_mode", "FP32");
    trt.add("trt_fp16_enable", precision.equals("FP16") ? "1" : "0");
    String workspace = accelerator.getParametersOrDefault("max_workspace_size_bytes", "");
    if (!workspace.isEmpty()) {
      trt.add("trt_max_workspace_size", workspace);
    }
    return trt;
  }
}
