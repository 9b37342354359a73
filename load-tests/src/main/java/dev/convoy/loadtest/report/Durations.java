package dev.convoy.loadtest.report;

import java.util.Locale;

/** Duration text as ghz prints it. */
final class Durations {

  private Durations() {}

  /** ghz's unit-scaled form: {@code 512 ns}, {@code 12.30 μs}, {@code 1.25 ms}, {@code 2.00 s}. */
  static String nanoUnit(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return format("%.2f μs", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return format("%.2f ms", nanos / 1e6);
    }
    return format("%.2f s", nanos / 1e9);
  }

  /** Milliseconds with three decimals, as in the CSV report. */
  static String millis(long nanos) {
    return format("%.3f", nanos / 1e6);
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
