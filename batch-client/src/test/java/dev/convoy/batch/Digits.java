package dev.convoy.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The committed digits split, repeated into larger inputs, and what models/README.md records for it. */
final class Digits {
  private static final Pattern ACCURACY_ROW = Pattern.compile("^\\| digits_mlp \\| (\\d+) / (\\d+) \\|");

  private Digits() {}

  static Path models() {
    Path dir = Path.of(System.getProperty("convoy.models.dir", "../models"));
    if (!Files.isDirectory(dir.resolve("digits_mlp"))) {
      throw new IllegalStateException("sample models not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  static List<String> lines() throws IOException {
    return Files.readAllLines(models().resolve("data/digits_test.csv"), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
  }

  /** The split's rows {@code times} over, under its header. */
  static Path repeated(Path file, int times) throws IOException {
    List<String> lines = lines();
    List<String> out = new ArrayList<>();
    out.add(lines.get(0));
    for (int t = 0; t < times; t++) {
      out.addAll(lines.subList(1, lines.size()));
    }
    Files.write(file, out, StandardCharsets.UTF_8);
    return file;
  }

  /** {correct, total} for digits_mlp in the README's accuracy table. */
  static int[] recordedAccuracy() throws IOException {
    for (String line : Files.readAllLines(models().resolve("README.md"))) {
      Matcher m = ACCURACY_ROW.matcher(line);
      if (m.find()) {
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
      }
    }
    throw new IllegalStateException("models/README.md records no digits_mlp accuracy");
  }

  /** A repository with just digits_mlp (a copy, so a test may change its config). */
  static Path repository(Path dir) throws IOException {
    Path model = dir.resolve("digits_mlp");
    Files.createDirectories(model.resolve("1"));
    Files.copy(models().resolve("digits_mlp/config.pbtxt"), model.resolve("config.pbtxt"));
    Files.copy(models().resolve("digits_mlp/1/model.onnx"), model.resolve("1/model.onnx"));
    return dir;
  }
}
