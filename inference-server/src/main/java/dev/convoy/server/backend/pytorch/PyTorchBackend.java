package dev.convoy.server.backend.pytorch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads TorchScript models on DJL's PyTorch engine, one module and predictor per instance. */
public final class PyTorchBackend implements ModelBackend {
  private static final Logger log = LoggerFactory.getLogger(PyTorchBackend.class);
  private static final String INTRA_OP = "intra_op_thread_count";
  private static final String INTER_OP = "inter_op_thread_count";

  private final PyTorchSettings settings;
  private final LongSupplier nanoTime;

  /** @param nanoTime the ticker that times each execution's phases */
  public PyTorchBackend(PyTorchSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    String fileName = versionDir.getFileName() + "/" + spec.modelFileName();
    Path file = versionDir.resolve(spec.modelFileName());
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("model '" + spec.name() + "': " + fileName + " not found");
    }
    checkInterOpThreads(spec);
    TensorBinding binding = TensorBinding.of(spec);
    Engine engine = engine(spec);
    Device device = group.device() == InstanceGroup.Device.GPU ? placeOnGpu(spec, engine, gpu) : Device.cpu();
    Model model = Model.newInstance(spec.name(), device, PyTorchEngine.NAME);
    try {
      model.load(file);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelLoadException("model '" + spec.name() + "': PyTorch could not load " + fileName
          + ": " + PyTorchModelInstance.rootMessage(e), e);
    }
    int intraOp = Integer.parseInt(spec.backendParameters().getOrDefault(INTRA_OP, "1"));
    String deviceName = device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    log.info("model '{}': TorchScript {} on {} (libtorch {}, {} intra-op thread(s))",
        spec.name(), fileName, deviceName, engine.getVersion(), intraOp);
    return new PyTorchModelInstance(model, model.newPredictor(new InvocationTranslator(binding, nanoTime)),
        deviceName, intraOp);
  }

  private Engine engine(ModelSpec spec) {
    try {
      return PyTorchEngine.start(settings);
    } catch (RuntimeException e) {
      throw new ModelLoadException("model '" + spec.name() + "': DJL's PyTorch engine could not start: "
          + PyTorchModelInstance.rootMessage(e) + " (libtorch is never downloaded: it comes from the natives jar"
          + " on the class path, which must suit this host (CUDA natives need a CUDA driver), or from"
          + " PYTORCH_LIBRARY_PATH)", e);
    }
  }

  private void checkInterOpThreads(ModelSpec spec) {
    String interOp = spec.backendParameters().get(INTER_OP);
    if (interOp != null && Integer.parseInt(interOp) != settings.interOpThreads()) {
      throw new ModelLoadException("model '" + spec.name() + "': parameters " + INTER_OP + " is " + interOp
          + ", but libtorch has one inter-op pool per process and this server runs it with "
          + settings.interOpThreads() + " (--pytorch-inter-op-threads)");
    }
  }

  /**
   * The CUDA device for a KIND_GPU instance. Where libtorch has no CUDA or no such GPU, the load
   * fails, or, when the config says {@code gpu_fallback: cpu}, the instance runs on the CPU;
   * either way the log says so.
   */
  private static Device placeOnGpu(ModelSpec spec, Engine engine, int gpu) {
    boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
    if (cuda && gpu < engine.getGpuCount()) {
      log.info("model '{}': instance on CUDA device {}", spec.name(), gpu);
      return Device.gpu(gpu);
    }
    String problem = "model '" + spec.name() + "': instance_group asks for KIND_GPU (device " + gpu
        + ") but " + (cuda ? "libtorch sees " + engine.getGpuCount() + " GPU(s)"
            : "the PyTorch natives have no CUDA (build with -Pgpu, or see PYTORCH_LIBRARY_PATH)");
    if (!spec.gpuFallsBackToCpu()) {
      throw new ModelLoadException(problem + " (set parameters gpu_fallback: \"cpu\" to run on the CPU instead)");
    }
    log.warn("{}; running this instance on the CPU, as parameters gpu_fallback asks", problem);
    return Device.cpu();
  }
}
