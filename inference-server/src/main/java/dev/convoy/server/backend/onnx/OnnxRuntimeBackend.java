package dev.convoy.server.backend.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads ONNX models into ONNX Runtime sessions, one session per instance. */
public final class OnnxRuntimeBackend implements ModelBackend {
  private static final Logger log = LoggerFactory.getLogger(OnnxRuntimeBackend.class);
  /** One intra-op thread: the small models here run faster on one thread than on two. */
  private static final int DEFAULT_INTRA_OP_THREADS = 1;

  private final OrtEnvironment env;
  private final LongSupplier nanoTime;

  /** @param nanoTime the ticker that times each execution's phases */
  public OnnxRuntimeBackend(LongSupplier nanoTime) {
    this.env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "convoy");
    this.nanoTime = nanoTime;
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    Path file = versionDir.resolve(spec.modelFileName());
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("model '" + spec.name() + "': " + spec.modelFileName()
          + " not found in version directory " + versionDir.getFileName());
    }
    try (OrtSession.SessionOptions options = sessionOptions(spec)) {
      String device = Accelerators.place(spec, options, group.device() == InstanceGroup.Device.GPU, gpu);
      // External data: ONNX Runtime resolves a tensor's external_data "location" against the
      // model file's directory, and (since 1.2x; this build pins 1.24) refuses, before reading
      // anything, a location that is absolute or that escapes that directory through ".." or a
      // symbolic link (ValidateExternalDataPath, for initializers and Constant attributes alike).
      // ORT Java has no session option that confines it further, and a second parser of the
      // model proto here would duplicate that check; OnnxExternalDataTest pins the behaviour
      // so a runtime without it fails the build.
      OrtSession session = env.createSession(file.toString(), options);
      try {
        checkSignature(spec, session);
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
      return new OnnxModelInstance(env, session, device, nanoTime);
    } catch (OrtException e) {
      throw new ModelLoadException("model '" + spec.name() + "': ONNX Runtime could not load "
          + spec.modelFileName() + ": " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions sessionOptions(ModelSpec spec) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    Map<String, String> params = spec.backendParameters();
    options.setIntraOpNumThreads(Integer.parseInt(
        params.getOrDefault("intra_op_thread_count", Integer.toString(DEFAULT_INTRA_OP_THREADS))));
    options.setInterOpNumThreads(Integer.parseInt(params.getOrDefault("inter_op_thread_count", "1")));
    options.setOptimizationLevel(optimizationLevel(spec.config().getOptimization().getGraph().getLevel()));
    return options;
  }

  /** Triton's ONNX Runtime mapping of {@code optimization.graph.level}. */
  static OrtSession.SessionOptions.OptLevel optimizationLevel(int level) {
    return switch (level) {
      case -1 -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
      case 1 -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
      default -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
    };
  }

  /** Fails the load when the config names tensors the model lacks or types it disagrees on. */
  private static void checkSignature(ModelSpec spec, OrtSession session) throws OrtException {
    checkTensors(spec, "input", spec.inputs(), session.getInputInfo());
    checkTensors(spec, "output", spec.outputs(), session.getOutputInfo());
  }

  private static void checkTensors(ModelSpec spec, String kind, List<TensorSpec> declared, Map<String, NodeInfo> actual) {
    for (TensorSpec tensor : declared) {
      NodeInfo node = actual.get(tensor.name());
      if (node == null) {
        throw new ModelLoadException("model '" + spec.name() + "': config " + kind + " '" + tensor.name()
            + "' is not an " + kind + " of " + spec.modelFileName() + " (it has " + actual.keySet() + ")");
      }
      if (node.getInfo() instanceof TensorInfo info
          && OrtTensors.dataType(info.onnxType).filter(t -> t == tensor.type()).isEmpty()) {
        throw new ModelLoadException("model '" + spec.name() + "': config " + kind + " '" + tensor.name()
            + "' is " + tensor.type() + " but " + spec.modelFileName() + " has " + info.onnxType);
      }
    }
  }
}
