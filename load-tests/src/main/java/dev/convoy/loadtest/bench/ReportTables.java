package dev.convoy.loadtest.bench;

import java.util.ArrayList;
import java.util.List;

/** The report's two tables, as cells: the rows, and the ratios between them. */
final class ReportTables {

  /** Error texts can be long (a whole status description); the first words say enough. */
  private static final int MAX_ERROR_CHARS = 120;

  private ReportTables() {}

  static TextTable rows(BenchReport report) {
    List<List<String>> lines = new ArrayList<>();
    for (RowResult row : report.rows()) {
      lines.add(row.ran() ? measured(report, row) : notRun(row));
    }
    return new TextTable(
        List.of("id", "scenario", "configuration", "rows/s", "req/s", "p50", "p90", "p99",
            "p99.9", "batch", "vs baseline", "notes"),
        List.of(false, false, false, true, true, true, true, true, true, true, false, false),
        lines);
  }

  private static List<String> measured(BenchReport report, RowResult row) {
    Measurement m = row.measurement();
    String batch = m.batch() == null ? Integer.toString(m.rowsPerRequest())
        : Formats.batch(m.batch());
    String baseline = report.baselineOf(row.id())
        .map(o -> (o.present() ? Formats.ratio(o.value()) : "n/a") + " "
            + o.comparison().baselineId())
        .orElse("");
    String notes = m.errors() == 0 ? ""
        : m.errors() + " failed, e.g. " + shorten(m.firstError());
    if (m.heapBytes() != Measurement.NO_HEAP) {
      notes = (notes.isEmpty() ? "" : notes + "; ") + "server heap after GC "
          + Formats.format("%.1f MiB", m.heapBytes() / (1024.0 * 1024));
    }
    return List.of(row.id(), row.spec().scenario(), row.spec().configuration(),
        Formats.rate(m.rowsPerSecond()), Formats.rate(m.requestsPerSecond()),
        latency(m, m.p50Nanos()), latency(m, m.p90Nanos()), latency(m, m.p99Nanos()),
        latency(m, m.p999Nanos()), batch, baseline, notes);
  }

  private static String latency(Measurement m, long nanos) {
    return m.hasLatencies() ? Formats.latency(nanos) : "-";
  }

  private static List<String> notRun(RowResult row) {
    List<String> cells = new ArrayList<>(List.of(row.id(), row.spec().scenario(),
        row.spec().configuration()));
    for (int i = 0; i < 8; i++) {
      cells.add("-");
    }
    cells.add("not run: " + row.notRunReason());
    return cells;
  }

  static TextTable ratios(BenchReport report) {
    List<List<String>> lines = new ArrayList<>();
    for (Comparison.Outcome outcome : report.comparisons()) {
      Comparison c = outcome.comparison();
      String value = !outcome.present() ? "n/a"
          : c.kind() == Comparison.Kind.DIFFERENCE ? Formats.signedLatency(outcome.value())
          : c.format(outcome.value());
      String rows = switch (c.kind()) {
        case DIFFERENCE -> c.rowId() + " - " + c.baselineId();
        case RATIO -> c.rowId() + " / " + c.baselineId();
        case VALUE -> c.rowId();
      };
      List<String> notes = new ArrayList<>();
      for (String note : List.of(c.note(), outcome.verdict(), outcome.missing())) {
        if (!note.isEmpty()) {
          notes.add(note);
        }
      }
      lines.add(List.of(c.label(), c.metric().label(), value,
          rows, String.join("; ", notes)));
    }
    return new TextTable(List.of("comparison", "of", "value", "rows", "notes"),
        List.of(false, false, true, false, false), lines);
  }

  private static String shorten(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= MAX_ERROR_CHARS ? oneLine
        : oneLine.substring(0, MAX_ERROR_CHARS - 3) + "...";
  }
}
