package dev.convoy.monitor.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reference rows from a CSV file with a header: a column {@code label} holds the true
 * class, columns named {@code score_<k>} the model's class scores, every other column is a
 * feature (in file order). {@code models/data/digits_reference.csv} has a label and 64
 * pixel features.
 */
public final class ReferenceCsv {
  private static final String LABEL = "label";
  private static final String SCORE_PREFIX = "score_";

  private ReferenceCsv() {
  }

  /** The file's feature names and rows. */
  public record Table(List<String> featureNames, List<ReferenceRow> rows) {
  }

  /** @throws IllegalArgumentException naming the line and column that does not parse */
  public static Table read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + ": empty, expected a header line");
      }
      String[] columns = header.split(",", -1);
      List<Integer> featureColumns = new ArrayList<>();
      List<Integer> scoreColumns = new ArrayList<>();
      List<String> names = new ArrayList<>();
      int labelColumn = -1;
      for (int c = 0; c < columns.length; c++) {
        String name = columns[c].strip();
        if (name.equals(LABEL)) {
          labelColumn = c;
        } else if (name.startsWith(SCORE_PREFIX)) {
          scoreColumns.add(c);
        } else {
          featureColumns.add(c);
          names.add(name);
        }
      }
      List<ReferenceRow> rows = new ArrayList<>();
      int lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != columns.length) {
          throw new IllegalArgumentException(file + " line " + lineNumber + ": " + cells.length
              + " cells, the header has " + columns.length);
        }
        rows.add(new ReferenceRow(floats(cells, featureColumns, file, lineNumber, columns),
            floats(cells, scoreColumns, file, lineNumber, columns),
            labelColumn < 0 ? ReferenceRow.NO_LABEL : (int) parse(cells, labelColumn, file, lineNumber, columns)));
      }
      return new Table(names, rows);
    }
  }

  private static float[] floats(String[] cells, List<Integer> columns, Path file, int line, String[] header) {
    float[] values = new float[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) parse(cells, columns.get(i), file, line, header);
    }
    return values;
  }

  private static double parse(String[] cells, int column, Path file, int line, String[] header) {
    try {
      return Double.parseDouble(cells[column].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + line + " column " + header[column].strip()
          + ": not a number", e);
    }
  }
}
