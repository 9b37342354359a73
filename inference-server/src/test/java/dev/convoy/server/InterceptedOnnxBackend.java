package dev.convoy.server;

import dev.convoy.server.backend.Execution;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real ONNX Runtime instances whose every run first passes its inputs to a test's hook, which
 * may wait, count or throw; the run then goes ahead on the real instance.
 */
public final class InterceptedOnnxBackend implements ModelBackend {
  private final OnnxRuntimeBackend onnx = new OnnxRuntimeBackend(System::nanoTime);
  private final Consumer<List<Tensor>> beforeRun;

  public InterceptedOnnxBackend(Consumer<List<Tensor>> beforeRun) {
    this.beforeRun = beforeRun;
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    ModelInstance real = onnx.load(spec, versionDir, group, gpu);
    return new ModelInstance() {
      @Override
      public Execution run(List<Tensor> inputs, List<String> outputs) {
        beforeRun.accept(inputs);
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
