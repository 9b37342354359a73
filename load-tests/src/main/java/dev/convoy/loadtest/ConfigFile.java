package dev.convoy.loadtest;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * ghz's {@code --config} file, JSON or TOML (by its extension, as ghz), turned into options
 * that go before the command line's own: a flag given on the command line wins, as in ghz.
 * Keys are ghz's config keys, which are its long flag names ({@code "total"},
 * {@code "load-schedule"}, {@code "host"} for the target); Convoy's own flags are accepted
 * under their long names too. An unknown key is an error.
 */
final class ConfigFile {

  /** The hidden option the {@code host} key becomes (the target comes last on a line). */
  static final String HOST_OPTION = "--host";

  private ConfigFile() {}

  /**
   * The options {@code path} stands for, as {@code --name=value} arguments.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static List<String> arguments(Path path, CommandSpec spec) {
    JsonObject config = read(path);
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : config.entrySet()) {
      String key = e.getKey();
      String option = key.equals("host") ? HOST_OPTION : "--" + key;
      OptionSpec spec1 = spec.findOption(option);
      if (spec1 == null || key.equals("config")) {
        throw new IllegalArgumentException("config file " + path + ": unknown key '" + key + "'");
      }
      if (!e.getValue().isJsonNull()) {
        args.add(option + "=" + text(e.getValue(), key.equals("import-paths")));
      }
    }
    return args;
  }

  private static JsonObject read(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      String content = Files.readString(path, StandardCharsets.UTF_8);
      if (name.endsWith(".toml")) {
        TomlParseResult toml = Toml.parse(content);
        if (toml.hasErrors()) {
          throw new IllegalArgumentException(
              "config file " + path + " is not valid TOML: " + toml.errors().get(0));
        }
        return JsonParser.parseString(toml.toJson()).getAsJsonObject();
      }
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        throw new IllegalArgumentException(
            "config file " + path + ": YAML is not supported; use JSON (.json) or TOML (.toml)");
      }
      JsonElement json = JsonParser.parseString(content);
      if (!json.isJsonObject()) {
        throw new IllegalArgumentException("config file " + path + " must hold a JSON object");
      }
      return json.getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + path + ": " + e, e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          "config file " + path + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A value as the flag takes it: strings as they are, objects and arrays as JSON. */
  private static String text(JsonElement value, boolean commaList) {
    if (commaList && value.isJsonArray()) {
      List<String> parts = new ArrayList<>();
      value.getAsJsonArray().forEach(v -> parts.add(v.getAsString()));
      return String.join(",", parts);
    }
    if (value.isJsonPrimitive()) {
      return value.getAsString();
    }
    return value.toString();
  }
}
