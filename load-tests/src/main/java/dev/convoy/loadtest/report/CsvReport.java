package dev.convoy.loadtest.report;

import static dev.convoy.loadtest.report.Durations.millis;

import dev.convoy.loadtest.engine.CallDetail;
import dev.convoy.loadtest.engine.LoadResult;
import java.io.IOException;

/**
 * Every recorded call, one line each, in send order. ghz's three columns come first, in
 * ghz's order, so scripts written for ghz's CSV keep working; the send time and the
 * coordinated-omission corrected latency follow.
 */
final class CsvReport implements ReportWriter {

  static final String HEADER = "duration (ms),status,error,timestamp,corrected duration (ms)";

  @Override
  public void write(RunReport report, Appendable out) throws IOException {
    LoadResult r = report.result();
    out.append(HEADER).append('\n');
    for (CallDetail d : r.details()) {
      out.append(millis(d.latencyNanos())).append(',')
          .append(quote(d.status())).append(',')
          .append(quote(d.error())).append(',')
          .append(r.startedAt().plusNanos(d.sentOffsetNanos()).toString()).append(',')
          .append(millis(d.correctedLatencyNanos())).append('\n');
    }
  }

  /** RFC 4180 quoting: error texts contain commas and quotes. */
  static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0
        && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
