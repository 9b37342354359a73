package dev.convoy.server.telemetry;

import dev.convoy.server.InterceptedOnnxBackend;
import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.ModelInstance;
import dev.convoy.server.error.BackendException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import java.nio.file.Path;

/** ONNX Runtime instances that, once {@link #fail()} is called (after warm-up), fail every run. */
final class FailingBackend implements ModelBackend {
  static final String FAILURE = "injected runtime failure";
  private volatile boolean failing;
  private final InterceptedOnnxBackend intercepted = new InterceptedOnnxBackend(inputs -> {
    if (failing) {
      throw new BackendException(FAILURE, new IllegalStateException("test"));
    }
  });
  void fail() {
    failing = true;
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    return intercepted.load(spec, versionDir, group, gpu);
  }
}
