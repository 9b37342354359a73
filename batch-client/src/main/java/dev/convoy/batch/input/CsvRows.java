package dev.convoy.batch.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV with a header line, one example per line (the digits split's format: {@code
 * label,p0..p63}). Columns named {@code label} hold ground truth and are skipped; a column
 * named {@code id} is the row's id; the other columns, in order, are the row's input values.
 * Fields may be double-quoted (a doubled quote inside stands for one). Blank lines are skipped
 * and not counted. A line whose field count differs from the header's is a malformed row.
 */
final class CsvRows implements RowReader {
  static final String LABEL = "label";
  static final String ID = "id";

  private final BufferedReader lines;
  private final List<Integer> valueColumns = new ArrayList<>();
  private final int columns;
  private int idColumn = -1;
  private long index;
  private long lineNumber = 1;

  CsvRows(BufferedReader lines) throws IOException {
    this.lines = lines;
    String header = lines.readLine();
    if (header == null) {
      throw new IllegalArgumentException("the CSV file is empty: a header line is expected");
    }
    List<String> names = split(header);
    columns = names.size();
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c).trim().toLowerCase(Locale.ROOT);
      if (name.equals(ID)) {
        idColumn = c;
      } else if (!name.equals(LABEL)) {
        valueColumns.add(c);
      }
    }
    if (valueColumns.isEmpty()) {
      throw new IllegalArgumentException("the CSV header names no input column: " + abbreviate(header));
    }
  }

  @Override
  public InputRow next() throws IOException {
    String line;
    do {
      line = lines.readLine();
      lineNumber++;
      if (line == null) {
        return null;
      }
    } while (line.isBlank());
    long row = index++;
    List<String> fields;
    try {
      fields = split(line);
    } catch (IllegalArgumentException e) {
      return new InputRow.Malformed(row, "", "line " + lineNumber + ": " + e.getMessage());
    }
    String id = idColumn >= 0 && idColumn < fields.size() ? fields.get(idColumn).trim() : "";
    if (fields.size() != columns) {
      return new InputRow.Malformed(row, id, "line " + lineNumber + ": " + fields.size() + " fields, the header has "
          + columns);
    }
    List<String> values = new ArrayList<>(valueColumns.size());
    for (int c : valueColumns) {
      values.add(fields.get(c).trim());
    }
    return new InputRow.Cells(row, id, values);
  }

  /** The fields of one line; quoted fields may hold commas. */
  static List<String> split(String line) {
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
      throw new IllegalArgumentException("a quoted field is not closed");
    }
    fields.add(field.toString());
    return fields;
  }

  static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
