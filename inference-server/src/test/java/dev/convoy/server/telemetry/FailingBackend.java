package dev.convoy.server.telemetry;

import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;

/** ONNX Runtime instances that, once {@link #fail()} is called (after warm-up), fail every run. */
final class FailingBackend implements ModelBackend {
  static final String FAILURE = "injected runtime failure";
  private final OnnxRuntimeBackend onnx = new OnnxRuntimeBackend(System::nanoTime);
  private volatile boolean failing;

  void fail() {
    failing = true;
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    ModelInstance real = onnx.load(spec, versionDir, group, gpu);
    return new ModelInstance() {
      @Override
      public Execution run(List<Tensor> inputs, List<String> outputs) {
        if (failing) {
          throw new BackendException(FAILURE, new IllegalStateException("test"));
        }
        return real.run(inputs, outputs);
      }

      @Override
      public String device() {
        return real.device();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }
}
