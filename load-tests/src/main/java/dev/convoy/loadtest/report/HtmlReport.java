package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.format;
import static dev.convoy.loadtest.report.Durations.nanoUnit;
import static dev.convoy.loadtest.report.Html.escape;

import com.google.gson.GsonBuilder;
import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A single self-contained page: ghz's sections (summary, histogram, latency distribution,
 * status and error distributions, options) plus a latency-over-time chart. The charts are
 * inline SVG and the styles inline, so the file opens offline and can be archived as is.
 */
final class HtmlReport implements ReportWriter {

  static final String STYLE = """
      body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;
        max-width:920px;color:#222}
      h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd}
      .date{color:#666}.tag{display:inline-block;background:#eef;border-radius:3px;
        padding:2px 6px;margin-right:6px}
      table{border-collapse:collapse}td,th{padding:4px 12px;text-align:left;
        border-bottom:1px solid #eee}th{font-weight:600}
      pre{background:#f6f6f6;padding:1em;overflow:auto}
      svg .grid{stroke:#eee}svg .axis{stroke:#444}svg .tick{font-size:11px;fill:#444}
      svg .label{font-size:12px;fill:#222}svg .bar{fill:#2a9d8f}
      svg .ok{fill:#2a6f97;fill-opacity:.6}svg .corrected{fill:#f4a261;fill-opacity:.6}
      svg .failed{fill:#d62828}
      """;

  @Override
  public void write(RunReport report, Appendable out) throws IOException {
    LoadResult r = report.result();
    String title = report.name().isEmpty() ? "Load test" : report.name();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    out.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"date\">")
        .append(escape(report.date().truncatedTo(ChronoUnit.SECONDS).toString()))
        .append(" &middot; ended: ").append(r.endReason().jsonName()).append("</p>\n");
    for (Map.Entry<String, String> tag : report.tags().entrySet()) {
      out.append("<span class=\"tag\">").append(escape(tag.getKey())).append(": ")
          .append(escape(tag.getValue())).append("</span>");
    }
    writeSummary(r, out);
    out.append("<h2 id=\"histogram\">Histogram</h2>\n")
        .append(Charts.histogram(LatencyBuckets.of(r), r.latency().getTotalCount()));
    writeDistributions(r, out);
    out.append("<h2 id=\"over-time\">Latency over time</h2>\n");
    if (r.details().isEmpty()) {
      out.append("<p>No per-call details were recorded.</p>\n");
    } else {
      out.append(Charts.latencyOverTime(r.details(), r.options().openLoop()));
    }
    writeCounts("status", "Status distribution", "Status", r.statusCounts(), r.count(), out);
    if (!r.errorCounts().isEmpty()) {
      writeCounts("errors", "Errors", "Error", r.errorCounts(), r.count(), out);
    }
    out.append("<h2 id=\"options\">Options</h2>\n<pre>")
        .append(escape(new GsonBuilder().setPrettyPrinting().create().toJson(report.options())))
        .append("</pre>\n</body>\n</html>\n");
  }

  private static void writeSummary(LoadResult r, Appendable out) throws IOException {
    out.append("<h2 id=\"summary\">Summary</h2>\n<table>\n");
    row(out, "Count", Long.toString(r.count()));
    row(out, "Total", nanoUnit(r.totalNanos()));
    row(out, "Slowest", nanoUnit(r.slowestNanos()));
    row(out, "Fastest", nanoUnit(r.fastestNanos()));
    row(out, "Average", nanoUnit(r.averageNanos()));
    row(out, "Requests / sec", format("%.2f", r.rps()));
    if (r.options().openLoop()) {
      row(out, "Target rate", format("%.2f calls/s (open loop)", r.options().rps()));
    }
    if (r.warmupCalls() > 0 || r.skippedCalls() > 0) {
      row(out, "Not counted", r.warmupCalls() + " warm-up, " + r.skippedCalls() + " skipped");
    }
    out.append("</table>\n");
  }

  private static void writeDistributions(LoadResult r, Appendable out) throws IOException {
    out.append("<h2 id=\"latency\">Latency distribution</h2>\n<table>\n<tr><th></th>");
    List<Percentiles.Point> uncorrected = Percentiles.all(r.latency());
    for (Percentiles.Point p : uncorrected) {
      out.append("<th>").append(Percentiles.label(p.percentage())).append(" %</th>");
    }
    out.append("</tr>\n");
    distributionRow(out, r.options().openLoop() ? "uncorrected" : "latency", uncorrected);
    if (r.options().openLoop()) {
      distributionRow(out, "corrected", Percentiles.all(r.correctedLatency()));
    }
    out.append("</table>\n");
    if (r.options().openLoop()) {
      out.append("<p>Uncorrected latencies run from when a call was actually sent; corrected"
          + " ones from when the schedule meant to send it, so time a call spent waiting for a"
          + " busy worker counts (coordinated omission).</p>\n");
    }
  }

  private static void distributionRow(Appendable out, String label, List<Percentiles.Point> points)
      throws IOException {
    out.append("<tr><th>").append(label).append("</th>");
    for (Percentiles.Point p : points) {
      out.append("<td>").append(nanoUnit(p.latencyNanos())).append("</td>");
    }
    out.append("</tr>\n");
  }

  private static void writeCounts(String id, String heading, String column,
      Map<String, Long> counts, long total, Appendable out) throws IOException {
    out.append("<h2 id=\"").append(id).append("\">").append(heading).append("</h2>\n<table>\n")
        .append("<tr><th>").append(column).append("</th><th>Count</th><th>% of total</th></tr>\n");
    for (Map.Entry<String, Long> e : SummaryReport.byCountDescending(counts)) {
      out.append("<tr><td>").append(escape(e.getKey())).append("</td><td>")
          .append(Long.toString(e.getValue())).append("</td><td>")
          .append(format("%.2f %%", total == 0 ? 0.0 : 100.0 * e.getValue() / total))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static void row(Appendable out, String name, String value) throws IOException {
    out.append("<tr><th>").append(name).append("</th><td>").append(escape(value))
        .append("</td></tr>\n");
  }
}
