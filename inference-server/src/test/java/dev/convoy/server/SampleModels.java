package dev.convoy.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        } else if (!source.getFileName().toString().endsWith(".pt")) {
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
