package dev.convoy.server.repository;

import dev.convoy.server.error.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory laid out as {@code <model>/config.pbtxt} and {@code <model>/<version>/<file>},
 * read afresh on each call so models added or changed on disk are seen at their next load.
 */
public final class ModelRepository {
  public static final String CONFIG_FILE = "config.pbtxt";
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern VERSION_DIR = Pattern.compile("[0-9]{1,18}");

  private final Path root;

  public ModelRepository(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("model repository " + root + " is not a directory");
    }
    this.root = root;
  }

  /** The repository's name, as RepositoryIndex and RepositoryModelLoad refer to it. */
  public String name() {
    return root.toAbsolutePath().normalize().getFileName().toString();
  }

  /**
   * Names of the model directories, sorted. A model directory holds a config.pbtxt or a numeric
   * version directory; others (data, tools) are not models and are skipped.
   */
  public List<String> modelNames() {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(Files::isDirectory)
          .filter(this::looksLikeModel)
          .map(p -> p.getFileName().toString())
          .filter(n -> MODEL_NAME.matcher(n).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing model repository " + root, e);
    }
  }

  private boolean looksLikeModel(Path dir) {
    if (Files.isRegularFile(dir.resolve(CONFIG_FILE))) {
      return true;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.anyMatch(c -> Files.isDirectory(c) && VERSION_DIR.matcher(c.getFileName().toString()).matches());
    } catch (IOException e) {
      return false;
    }
  }

  public boolean contains(String model) {
    return MODEL_NAME.matcher(model).matches() && Files.isDirectory(root.resolve(model));
  }

  public String readConfig(String model) {
    Path config = root.resolve(model).resolve(CONFIG_FILE);
    if (!Files.isRegularFile(config)) {
      throw new ModelLoadException("model '" + model + "': " + CONFIG_FILE + " not found");
    }
    try {
      return Files.readString(config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + model + "': cannot read " + CONFIG_FILE + ": " + e.getMessage(), e);
    }
  }

  /** The numeric version directories present for a model. */
  public SortedSet<Long> versions(String model) {
    try (Stream<Path> children = Files.list(root.resolve(model))) {
      return children.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> VERSION_DIR.matcher(n).matches())
          .map(Long::valueOf)
          .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + model + "': cannot list versions: " + e.getMessage(), e);
    }
  }

  public Path modelDir(String model) {
    return root.resolve(model);
  }

  public Path versionDir(String model, long version) {
    return modelDir(model).resolve(Long.toString(version));
  }
}
