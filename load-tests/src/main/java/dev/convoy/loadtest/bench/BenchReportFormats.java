package dev.convoy.loadtest.bench;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The report as aligned text (standard output), Markdown or JSON. */
public final class BenchReportFormats {

  private static final String ROWS_TITLE =
      "Rows (throughput counts successful calls; percentiles are HdrHistogram, successful calls)";
  private static final String RATIOS_TITLE =
      "Ratios (row / baseline, both measured in this run on this machine)";

  private BenchReportFormats() {}

  public static String text(BenchReport report) {
    StringBuilder out = new StringBuilder("Convoy benchmark suite\n\nConfiguration\n");
    for (RunConfiguration.Setting s : report.configuration().settings()) {
      out.append("  ").append(s.name()).append(": ").append(s.value()).append('\n');
    }
    out.append('\n').append(ROWS_TITLE).append('\n')
        .append(ReportTables.rows(report).aligned());
    if (!report.comparisons().isEmpty()) {
      out.append('\n').append(RATIOS_TITLE).append('\n')
          .append(ReportTables.ratios(report).aligned());
    }
    return out.toString();
  }

  public static String markdown(BenchReport report) {
    RunConfiguration config = report.configuration();
    StringBuilder out = new StringBuilder("# Convoy benchmark suite, ")
        .append(config.get("date")).append("\n\n")
        .append("Produced by an actual run of `").append(config.get("command"))
        .append("` on the machine described below; ").append(config.get("durations"))
        .append(". The machine is shared and noisy: read the ratios between rows of this run,"
            + " not the absolute figures, and do not compare figures across runs."
            + " `load-tests/README.md` explains each column and ratio.\n\n")
        .append("## Configuration\n\n");
    config.settings().forEach(s -> out.append("- ").append(s.name()).append(": ")
        .append(s.name().equals("command") ? "`" + s.value() + "`" : s.value()).append('\n'));
    out.append("\n## ").append(ROWS_TITLE).append("\n\n")
        .append(ReportTables.rows(report).markdown());
    if (!report.comparisons().isEmpty()) {
      out.append("\n## ").append(RATIOS_TITLE).append("\n\n")
          .append(ReportTables.ratios(report).markdown());
    }
    return out.toString();
  }

  /** Figures as numbers: rates per second, latencies in nanoseconds (as ghz's JSON). */
  public static String json(BenchReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, String> config = new LinkedHashMap<>();
    report.configuration().settings().forEach(s -> config.put(s.name(), s.value()));
    root.put("configuration", config);
    List<Map<String, Object>> rows = new ArrayList<>();
    report.rows().forEach(row -> rows.add(jsonRow(row)));
    root.put("rows", rows);
    List<Map<String, Object>> comparisons = new ArrayList<>();
    for (Comparison.Outcome outcome : report.comparisons()) {
      Comparison c = outcome.comparison();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("label", c.label());
      entry.put("metric", c.metric().label());
      entry.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
      entry.put("row", c.rowId());
      entry.put("baseline", c.baselineId());
      entry.put("value", outcome.present() ? outcome.value() : null);
      entry.put("goalAtLeast", Double.isNaN(c.goalAtLeast()) ? null : c.goalAtLeast());
      entry.put("goalAtMost", Double.isNaN(c.goalAtMost()) ? null : c.goalAtMost());
      entry.put("note", c.note());
      entry.put("missing", outcome.missing());
      comparisons.add(entry);
    }
    root.put("comparisons", comparisons);
    return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
        .toJson(root) + "\n";
  }

  private static Map<String, Object> jsonRow(RowResult row) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", row.id());
    entry.put("group", row.spec().group());
    entry.put("scenario", row.spec().scenario());
    entry.put("configuration", row.spec().configuration());
    if (!row.ran()) {
      entry.put("notRun", row.notRunReason());
      return entry;
    }
    Measurement m = row.measurement();
    entry.put("rowsPerSecond", m.rowsPerSecond());
    entry.put("requestsPerSecond", m.requestsPerSecond());
    entry.put("rowsPerRequest", m.rowsPerRequest());
    entry.put("requests", m.requests());
    entry.put("errors", m.errors());
    entry.put("seconds", m.seconds());
    entry.put("p50Nanos", m.p50Nanos());
    entry.put("p90Nanos", m.p90Nanos());
    entry.put("p99Nanos", m.p99Nanos());
    entry.put("p999Nanos", m.p999Nanos());
    if (m.heapBytes() != Measurement.NO_HEAP) {
      entry.put("heapAfterGcBytes", m.heapBytes());
    }
    if (!m.firstError().isEmpty()) {
      entry.put("firstError", m.firstError());
    }
    if (m.batch() != null) {
      Map<String, Object> batch = new LinkedHashMap<>();
      batch.put("executions", m.batch().executions());
      batch.put("mostFrequent", m.batch().mostFrequentBatch());
      batch.put("average", m.batch().averageBatch());
      batch.put("executionsByBatchSize", new TreeMap<>(m.batch().executionsByBatchSize()));
      entry.put("batch", batch);
    }
    return entry;
  }
}
