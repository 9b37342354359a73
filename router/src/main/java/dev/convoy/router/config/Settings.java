package dev.convoy.router.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings in the order they were written. The file format is one {@code key = value} per
 * line; blank lines and lines starting with {@code #} are ignored; {@code backend} and
 * {@code dns} may repeat, other keys may not.
 */
public final class Settings {
  private final List<Setting> entries;

  private Settings(List<Setting> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Settings of(List<Setting> entries) {
    return new Settings(entries);
  }

  /** Lines of the file format; {@code source} names them in error messages. */
  public static Settings parse(String text, String source) {
    List<Setting> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String origin = source + ":" + (i + 1);
      if (eq <= 0) {
        throw new ConfigException(origin + ": expected 'key = value', got '" + line + "'");
      }
      entries.add(new Setting(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), origin));
    }
    return new Settings(entries);
  }

  /** Reads a settings file. */
  public static Settings read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + file, e);
    }
  }

  public List<Setting> entries() {
    return entries;
  }

  /** These settings, except that every key {@code overrides} sets takes only its values. */
  public Settings overriddenBy(Settings overrides) {
    Set<String> replaced = overrides.entries.stream().map(Setting::key).collect(Collectors.toSet());
    List<Setting> merged = new ArrayList<>();
    entries.stream().filter(s -> !replaced.contains(s.key())).forEach(merged::add);
    merged.addAll(overrides.entries);
    return new Settings(merged);
  }
}
