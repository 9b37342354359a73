package dev.convoy.server.backend;

import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.Platform;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Hands each model to the backend of its platform ({@code onnxruntime_onnx},
 * {@code pytorch_libtorch}). A backend is created on the first model that needs it, so a
 * repository without TorchScript models never starts libtorch.
 */
public final class PlatformBackends implements ModelBackend {
  private final Map<Platform, Supplier<ModelBackend>> factories;
  private final Map<Platform, ModelBackend> started = new EnumMap<>(Platform.class);
  private final IntSupplier gpuCount;

  /**
   * @param factories a backend factory per platform served; a platform without one fails its models' loads
   * @param gpuCount the GPUs on this host, for KIND_GPU groups that list none
   */
  public PlatformBackends(Map<Platform, Supplier<ModelBackend>> factories, IntSupplier gpuCount) {
    this.factories = Map.copyOf(factories);
    this.gpuCount = gpuCount;
  }

  @Override
  public ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu) {
    return backend(spec).load(spec, versionDir, group, gpu);
  }

  @Override
  public int gpuCount() {
    return gpuCount.getAsInt();
  }

  private synchronized ModelBackend backend(ModelSpec spec) {
    Platform platform = spec.runtime();
    Supplier<ModelBackend> factory = factories.get(platform);
    if (factory == null) {
      throw new ModelLoadException("model '" + spec.name() + "': platform '"
          + platform.platformName() + "' is not served by this server (it serves " + factories.keySet() + ")");
    }
    return started.computeIfAbsent(platform, p -> factory.get());
  }
}
