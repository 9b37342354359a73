package dev.convoy.loadtest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.report.ReportFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** ghz's report flags. */
final class OutputFlags {

  @Option(names = {"-O", "--format"}, paramLabel = "FORMAT", defaultValue = "summary",
      description = "Output format. One of: summary, csv, json, pretty, html, influx-summary,"
          + " influx-details, prometheus. Default is summary.")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "PATH",
      description = "Output path. If none provided stdout is used.")
  Path output;

  @Option(names = "--name", paramLabel = "NAME", description = "User specified name for the"
      + " test.")
  String name;

  @Option(names = "--tags", paramLabel = "JSON",
      description = "JSON representation of user-defined string tags.")
  String tags;

  @Option(names = "--debug", paramLabel = "PATH", description = "The path to debug log file.")
  Path debug;

  ReportFormat reportFormat() {
    try {
      return ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-O/--format: " + e.getMessage(), e);
    }
  }

  /** {@code --tags} as an ordered map of strings. */
  Map<String, String> tagMap() {
    return stringMap(tags, "tags");
  }

  /**
   * A JSON object of strings, as ghz unmarshals {@code --tags}, {@code --reflect-metadata}.
   *
   * @throws IllegalArgumentException in ghz's words
   */
  static Map<String, String> stringMap(String json, String what) {
    Map<String, String> map = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return map;
    }
    try {
      JsonElement element = JsonParser.parseString(json);
      if (!element.isJsonObject()) {
        throw new IllegalArgumentException("error unmarshaling " + what + " '" + json
            + "': must be a JSON object of strings, e.g. {\"env\":\"staging\"}");
      }
      for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
        JsonElement v = e.getValue();
        map.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
      }
      return map;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          "error unmarshaling " + what + " '" + json + "': " + e.getMessage(), e);
    }
  }
}
