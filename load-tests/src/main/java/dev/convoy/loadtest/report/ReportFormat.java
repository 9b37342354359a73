package dev.convoy.loadtest.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** ghz's {@code -O/--format} values this tool writes. */
public enum ReportFormat {
  SUMMARY,
  JSON,
  PRETTY,
  CSV,
  HTML,
  INFLUX_SUMMARY,
  INFLUX_DETAILS,
  PROMETHEUS;

  /**
   * @throws IllegalArgumentException listing the valid names
   */
  public static ReportFormat parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + name + "'; valid formats: " + names());
    }
  }

  public static String names() {
    return Arrays.stream(values())
        .map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .collect(Collectors.joining(", "));
  }

  /** Whether the report lists every call, so the run must keep per-call details. */
  public boolean needsDetails() {
    return this != SUMMARY && this != INFLUX_SUMMARY && this != PROMETHEUS;
  }

  /** Writes a report in this format. */
  public ReportWriter writer() {
    return switch (this) {
      case SUMMARY -> new SummaryReport();
      case JSON -> new JsonReport(false);
      case PRETTY -> new JsonReport(true);
      case CSV -> new CsvReport();
      case HTML -> new HtmlReport();
      case INFLUX_SUMMARY -> new InfluxReport(false);
      case INFLUX_DETAILS -> new InfluxReport(true);
      case PROMETHEUS -> new PrometheusReport();
    };
  }
}
