package dev.convoy.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The committed held-out digits split and the accuracies models/README.md records for it. */
record DigitsSplit(float[][] pixels, int[] labels) {
  private static final Pattern ACCURACY_ROW = Pattern.compile("^\\| (\\w+) \\| (\\d+) / (\\d+) \\|");

  static DigitsSplit read(Path csv) throws IOException {
    List<String> rows = Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).toList();
    float[][] pixels = new float[rows.size()][];
    int[] labels = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      String[] cells = rows.get(r).split(",");
      labels[r] = Integer.parseInt(cells[0]);
      pixels[r] = new float[cells.length - 1];
      for (int c = 1; c < cells.length; c++) {
        pixels[r][c - 1] = Float.parseFloat(cells[c]);
      }
    }
    return new DigitsSplit(pixels, labels);
  }

  /** Model name to {correct, total}, from the README's accuracy table. */
  static Map<String, int[]> recordedAccuracy(Path readme) throws IOException {
    return Files.readAllLines(readme).stream()
        .map(ACCURACY_ROW::matcher)
        .filter(Matcher::find)
        .collect(Collectors.toMap(m -> m.group(1),
            m -> new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))}));
  }

  int size() {
    return labels.length;
  }
}
