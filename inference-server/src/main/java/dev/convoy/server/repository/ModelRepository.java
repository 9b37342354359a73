package dev.convoy.server.repository;

import dev.convoy.server.error.InvalidInputException;
import dev.convoy.server.error.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory laid out as {@code <model>/config.pbtxt} and {@code <model>/<version>/<file>},
 * read afresh on each call so models added or changed on disk are seen at their next load.
 *
 * <p>Nothing is read from outside the repository: model names are single plain directory
 * names, and every directory and file is canonicalised (symbolic links followed) and refused
 * unless it lies inside the repository's own canonical root. Links that stay inside (a version
 * directory linked to another) are fine.
 */
public final class ModelRepository {
  public static final String CONFIG_FILE = "config.pbtxt";
  /** Longest model name accepted: a directory name, and bounded so errors that echo it stay short. */
  public static final int MAX_NAME_LENGTH = 255;
  private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern VERSION_DIR = Pattern.compile("[0-9]{1,18}");
  /** How much of a rejected name an error message repeats. */
  private static final int ECHOED_NAME = 64;

  private final Path root;
  private final String name;

  public ModelRepository(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("model repository " + root + " is not a directory");
    }
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve model repository " + root, e);
    }
    this.name = root.toAbsolutePath().normalize().getFileName().toString();
  }

  /** The repository's name, as RepositoryIndex and RepositoryModelLoad refer to it. */
  public String name() {
    return name;
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

  /**
   * Refuses a model name that is not one plain directory name: empty, too long, a NUL byte, a
   * path separator, {@code .} or {@code ..}, or other characters Convoy's model names lack.
   *
   * @throws InvalidInputException naming {@code model_name} and what is wrong with it
   */
  public static void requireValidName(String model) {
    String problem = model.isEmpty() ? "is empty"
        : model.length() > MAX_NAME_LENGTH ? "is longer than " + MAX_NAME_LENGTH + " characters"
        : model.indexOf('\0') >= 0 ? "contains a NUL byte"
        : model.indexOf('/') >= 0 || model.indexOf('\\') >= 0 ? "'" + echo(model) + "' contains a path separator"
        : model.equals(".") || model.equals("..") ? "'" + model + "' is not a model directory name"
        : !MODEL_NAME.matcher(model).matches() ? "'" + echo(model) + "' has characters other than letters, digits,"
            + " '_', '.' and '-', or starts with '.' or '-'"
        : null;
    if (problem != null) {
      throw new InvalidInputException("model_name " + problem);
    }
  }

  private static String echo(String model) {
    return model.length() <= ECHOED_NAME ? model : model.substring(0, ECHOED_NAME) + "...";
  }

  public boolean contains(String model) {
    return MODEL_NAME.matcher(model).matches() && model.length() <= MAX_NAME_LENGTH
        && Files.isDirectory(root.resolve(model));
  }

  public String readConfig(String model) {
    Path config = modelDir(model).resolve(CONFIG_FILE);
    if (!Files.isRegularFile(config)) {
      throw new ModelLoadException("model '" + model + "': " + CONFIG_FILE + " not found");
    }
    Path real = inside(config, "model '" + model + "': " + CONFIG_FILE);
    try {
      return Files.readString(real, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + model + "': cannot read " + CONFIG_FILE + ": " + e.getMessage(), e);
    }
  }

  /** The numeric version directories present for a model. */
  public SortedSet<Long> versions(String model) {
    try (Stream<Path> children = Files.list(modelDir(model))) {
      return children.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> VERSION_DIR.matcher(n).matches())
          .map(Long::valueOf)
          .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
    } catch (IOException e) {
      throw new ModelLoadException("model '" + model + "': cannot list versions: " + e.getMessage(), e);
    }
  }

  /** The model's directory, canonical. */
  public Path modelDir(String model) {
    return inside(root.resolve(model), "model '" + model + "': its directory");
  }

  /** A version's directory, canonical. */
  public Path versionDir(String model, long version) {
    return inside(modelDir(model).resolve(Long.toString(version)), "model '" + model + "' version " + version);
  }

  /**
   * Refuses a model file, where it exists, that links outside the repository; a missing file is
   * left for the backend to report.
   */
  public void requireInside(String model, long version, Path file) {
    if (Files.exists(file)) {
      inside(file, "model '" + model + "' version " + version + ": " + file.getFileName());
    }
  }

  /** Refuses a file of the model's own (a label file), where it exists, that links outside the repository. */
  public void requireInside(String model, Path file) {
    if (Files.exists(file)) {
      inside(file, "model '" + model + "': " + file.getFileName());
    }
  }

  /** The canonical path, refused unless strictly inside the canonical root. */
  private Path inside(Path path, String what) {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new ModelLoadException(what + " does not exist", e);
    } catch (IOException e) {
      throw new ModelLoadException(what + " cannot be read: " + e.getMessage(), e);
    }
    if (!real.startsWith(root) || real.equals(root)) {
      // The target is not named: it is a path of the server's file system, not the caller's business.
      throw new ModelLoadException(what + " is a symbolic link that leads outside the model repository; refused");
    }
    return real;
  }
}
