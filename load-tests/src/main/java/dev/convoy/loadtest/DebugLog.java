package dev.convoy.loadtest;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ghz's {@code --debug} file: one JSON object a line ({@code level}, {@code time},
 * {@code message} and the event's fields), for the run's start and end. Without a path it
 * writes nothing.
 */
final class DebugLog implements AutoCloseable {

  private static final Gson GSON = new Gson();

  private final Writer writer;

  private DebugLog(Writer writer) {
    this.writer = writer;
  }

  static DebugLog open(Path path) {
    if (path == null) {
      return new DebugLog(null);
    }
    try {
      return new DebugLog(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("--debug: cannot write " + path + ": " + e, e);
    }
  }

  void log(String message, Map<String, ?> fields) {
    if (writer == null) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("level", "debug");
    line.put("time", Instant.now().toString());
    line.put("message", message);
    line.putAll(fields);
    try {
      writer.write(GSON.toJson(line));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      // A debug log that cannot be written must not end the run.
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // Nothing left to log to.
      }
    }
  }
}
