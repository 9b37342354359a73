package dev.convoy.server.backend;

import dev.convoy.server.model.InstanceGroup;
import dev.convoy.server.model.ModelSpec;
import java.nio.file.Path;

/** A model runtime that turns a version directory into running instances. */
public interface ModelBackend {

  /**
   * Loads one instance of a model version.
   *
   * @param versionDir the directory holding {@link ModelSpec#modelFileName()}
   * @param gpu the device id for a GPU group; ignored for CPU
   * @throws dev.convoy.server.error.ModelLoadException when the files or the device are unusable,
   *     or the model does not match its configuration
   */
  ModelInstance load(ModelSpec spec, Path versionDir, InstanceGroup group, int gpu);

  /**
   * How many GPUs a KIND_GPU group without {@code gpus} spreads over; 0 where none is visible
   * (such a group is then placed on device 0, where CUDA's absence fails the load or falls back).
   */
  default int gpuCount() {
    return 0;
  }
}
