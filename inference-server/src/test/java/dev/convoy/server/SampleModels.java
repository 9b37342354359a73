package dev.convoy.server;

import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.PlatformBackends;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.backend.pytorch.PyTorchBackend;
import dev.convoy.server.backend.pytorch.PyTorchSettings;
import dev.convoy.server.model.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/** The committed sample model repository, and private copies of it for tests that change it. */
public final class SampleModels {
  private SampleModels() {}

  public static Path repository() {
    Path dir = Path.of(System.getProperty("convoy.models.dir", "../models"));
    if (!Files.isDirectory(dir.resolve("digits_mlp"))) {
      throw new IllegalStateException("sample models not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** Every backend the server ships (ONNX Runtime, DJL PyTorch), as Main wires them; no GPUs. */
  public static ModelBackend backends() {
    return new PlatformBackends(Map.of(
        Platform.ONNX, () -> new OnnxRuntimeBackend(System::nanoTime),
        Platform.PYTORCH, () -> new PyTorchBackend(PyTorchSettings.defaults(), System::nanoTime)), () -> 0);
  }

  /** Copies the named models (config and versions) into {@code target}. */
  public static Path copy(Path target, String... models) {
    for (String model : models) {
      copyTree(repository().resolve(model), target.resolve(model));
    }
    return target;
  }

  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
