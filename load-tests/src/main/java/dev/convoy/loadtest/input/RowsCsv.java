package dev.convoy.loadtest.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --rows} file: a CSV with a header line, one example per line. Columns named
 * {@code label} hold ground truth, not model input, and are skipped; the other columns, in
 * order, are the row's values. Fields may be double-quoted.
 */
public final class RowsCsv {

  /** Header name of the column(s) that are not input. */
  public static final String LABEL_COLUMN = "label";

  /**
   * One example.
   *
   * @param line 1-based line number in the file, for error messages
   * @param values the input columns' text
   */
  public record Row(int line, List<String> values) {
    public Row {
      values = List.copyOf(values);
    }
  }

  private final Path file;
  private final List<String> columns;
  private final List<Row> rows;

  private RowsCsv(Path file, List<String> columns, List<Row> rows) {
    this.file = file;
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  /**
   * Reads the whole file.
   *
   * @throws InputException naming the file (and line) when it is missing, empty or ragged
   */
  public static RowsCsv read(Path file) throws InputException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = reader.readLine();
      if (headerLine == null || headerLine.isBlank()) {
        throw new InputException("rows file " + file + " is empty; it needs a header line");
      }
      List<String> header = split(headerLine, file, 1);
      boolean[] keep = new boolean[header.size()];
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        keep[i] = !header.get(i).trim().toLowerCase(Locale.ROOT).equals(LABEL_COLUMN);
        if (keep[i]) {
          columns.add(header.get(i).trim());
        }
      }
      if (columns.isEmpty()) {
        throw new InputException("rows file " + file + " has no input columns besides 'label'");
      }
      List<Row> rows = readRows(reader, file, header.size(), keep);
      if (rows.isEmpty()) {
        throw new InputException("rows file " + file + " has a header but no rows");
      }
      return new RowsCsv(file, columns, rows);
    } catch (NoSuchFileException e) {
      throw new InputException("rows file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new InputException("cannot read rows file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Row> readRows(BufferedReader reader, Path file, int width, boolean[] keep)
      throws IOException, InputException {
    List<Row> rows = new ArrayList<>();
    String line;
    int lineNumber = 1;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(line, file, lineNumber);
      if (fields.size() != width) {
        throw new InputException(
            "rows file " + file + " line " + lineNumber + " has " + fields.size()
                + " columns, the header has " + width);
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        if (keep[i]) {
          values.add(fields.get(i));
        }
      }
      rows.add(new Row(lineNumber, values));
    }
    return rows;
  }

  /** Splits one line on commas, honouring double quotes ("" inside quotes is a quote). */
  static List<String> split(String line, Path file, int lineNumber) throws InputException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new InputException(
          "rows file " + file + " line " + lineNumber + " has an unterminated quote");
    }
    fields.add(field.toString());
    return fields;
  }

  public Path file() {
    return file;
  }

  /** Names of the input columns, label columns excluded. */
  public List<String> columns() {
    return columns;
  }

  public List<Row> rows() {
    return rows;
  }
}
