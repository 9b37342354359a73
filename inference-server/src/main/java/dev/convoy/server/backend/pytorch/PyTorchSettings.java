package dev.convoy.server.backend.pytorch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Process-wide settings of the PyTorch engine, fixed at start-up.
 *
 * @param nativeDir where libtorch is extracted from the natives jar; empty for DJL's default
 *     ({@code ~/.djl.ai}, or the {@code ENGINE_CACHE_DIR} environment variable)
 * @param interOpThreads libtorch's inter-op pool, one per process (libtorch cannot change it
 *     once work has run); a model's {@code inter_op_thread_count} must agree with it
 */
public record PyTorchSettings(Optional<Path> nativeDir, int interOpThreads) {

  public PyTorchSettings {
    if (interOpThreads < 1) {
      throw new IllegalArgumentException("PyTorch inter-op threads must be >= 1, got " + interOpThreads);
    }
  }

  /** DJL's default extraction directory and one inter-op thread. */
  public static PyTorchSettings defaults() {
    return new PyTorchSettings(Optional.empty(), 1);
  }
}
