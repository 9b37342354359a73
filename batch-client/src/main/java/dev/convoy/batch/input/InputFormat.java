package dev.convoy.batch.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The input formats, chosen by {@code --format} or by the file's extension. */
public enum InputFormat {
  CSV,
  JSONL;

  /** {@code .csv} is CSV; {@code .jsonl} and {@code .json} are JSONL. */
  public static InputFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".json")) {
      return JSONL;
    }
    throw new IllegalArgumentException("cannot tell the format of " + file + " from its extension; give --format");
  }

  public RowReader open(Path file) throws IOException {
    BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    try {
      return this == CSV ? new CsvRows(lines) : new JsonlRequests(lines);
    } catch (IOException | RuntimeException e) {
      lines.close();
      throw e;
    }
  }

  /** How many rows {@link #open} will give, by one pass over the file (for progress and ETA). */
  public long countRows(Path file) throws IOException {
    long rows = 0;
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          rows++;
        }
      }
    }
    return this == CSV ? Math.max(0, rows - 1) : rows;
  }
}
