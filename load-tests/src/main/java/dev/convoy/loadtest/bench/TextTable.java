package dev.convoy.loadtest.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text cells, written aligned for a terminal or as a Markdown table. The last
 * column is never padded, so a long note does not widen every line.
 *
 * @param headers column titles
 * @param rightAligned per column: numbers are right-aligned so their digits line up
 * @param rows the cells, one list per line, as many as headers
 */
record TextTable(List<String> headers, List<Boolean> rightAligned, List<List<String>> rows) {

  TextTable {
    headers = List.copyOf(headers);
    rightAligned = List.copyOf(rightAligned);
    if (rightAligned.size() != headers.size()) {
      throw new IllegalArgumentException("one alignment per column");
    }
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, the"
            + " table has " + headers.size() + " columns");
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
  }

  /** Columns separated by two spaces, a dashed line under the headers. */
  String aligned() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    List<String> rule = new ArrayList<>();
    for (int c = 0; c < widths.length; c++) {
      // The last column is ragged; a rule as long as its longest note would only wrap.
      rule.add("-".repeat(c == widths.length - 1 ? headers.get(c).length() : widths[c]));
    }
    line(out, rule, widths);
    rows.forEach(row -> line(out, row, widths));
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean last = c == cells.size() - 1;
      String pad = " ".repeat(widths[c] - cell.length());
      if (c > 0) {
        line.append("  ");
      }
      if (rightAligned.get(c)) {
        line.append(pad).append(cell);
      } else {
        line.append(cell).append(last ? "" : pad);
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** A GitHub-flavoured Markdown table; numeric columns right-aligned. */
  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(markdownLine(headers));
    List<String> rule = new ArrayList<>();
    for (boolean right : rightAligned) {
      rule.add(right ? "---:" : "---");
    }
    out.append(markdownLine(rule));
    rows.forEach(row -> out.append(markdownLine(row)));
    return out.toString();
  }

  private static String markdownLine(List<String> cells) {
    List<String> escaped = cells.stream().map(c -> c.replace("|", "\\|")).toList();
    return "| " + String.join(" | ", escaped) + " |\n";
  }
}
