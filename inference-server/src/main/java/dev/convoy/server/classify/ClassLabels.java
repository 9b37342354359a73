package dev.convoy.server.classify;

import dev.convoy.server.error.ModelLoadException;
import dev.convoy.server.model.ModelSpec;
import dev.convoy.server.model.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels of a model's outputs, read once at load from each output's {@code label_filename}
 * in the model's directory: line i labels class i. Labels are kept as bytes, as the file has them.
 */
public final class ClassLabels {
  /** A label file is text, one short line per class; a larger file is a mistake, refused. */
  static final long MAX_FILE_BYTES = 16L << 20;
  private static final ClassLabels NONE = new ClassLabels(Map.of());

  private final Map<String, List<byte[]>> byOutput;

  private ClassLabels(Map<String, List<byte[]>> byOutput) {
    this.byOutput = byOutput;
  }

  public static ClassLabels none() {
    return NONE;
  }

  /** @throws ModelLoadException naming the output and the file when it cannot be read */
  public static ClassLabels load(ModelSpec spec, Path modelDir) {
    Map<String, List<byte[]>> byOutput = new HashMap<>();
    for (TensorSpec output : spec.outputs()) {
      if (!output.labelFile().isEmpty()) {
        byOutput.put(output.name(), read(spec, output, modelDir.resolve(output.labelFile())));
      }
    }
    return byOutput.isEmpty() ? NONE : new ClassLabels(Map.copyOf(byOutput));
  }

  /** The label of class {@code index} of {@code output}, if its file has that line. */
  public Optional<byte[]> label(String output, long index) {
    List<byte[]> labels = byOutput.get(output);
    return labels == null || index >= labels.size() ? Optional.empty() : Optional.of(labels.get((int) index));
  }

  private static List<byte[]> read(ModelSpec spec, TensorSpec output, Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
        throw new ModelLoadException("model '" + spec.name() + "': output '" + output.name() + "': label_filename '"
            + output.labelFile() + "' is not a file of at most " + MAX_FILE_BYTES + " bytes in the model's directory");
      }
      return lines(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ModelLoadException("model '" + spec.name() + "': cannot read label file '" + output.labelFile()
          + "': " + e.getMessage(), e);
    }
  }

  /** Lines split at '\n', as Triton reads them; a final newline ends the last line. */
  static List<byte[]> lines(byte[] text) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        lines.add(Arrays.copyOfRange(text, start, i));
        start = i + 1;
      }
    }
    if (start < text.length) {
      lines.add(Arrays.copyOfRange(text, start, text.length));
    }
    return lines;
  }
}
