package dev.convoy.loadtest.bench;

import java.util.Locale;

/** How the report writes numbers: three significant digits for latencies, grouped rates. */
final class Formats {

  private Formats() {}

  /** Three significant digits: {@code 4.21x}, {@code 26.9x}, {@code 0.00185x}; {@code 150x}. */
  static String ratio(double ratio) {
    double abs = Math.abs(ratio);
    String pattern = abs >= 100 ? "%.0fx" : abs >= 10 ? "%.1fx"
        : abs >= 0.1 || abs == 0 ? "%.2fx" : "%.3gx";
    return format(pattern, ratio);
  }

  /** Rows or requests per second: {@code 12,345}, or one decimal below 100. */
  static String rate(double perSecond) {
    return format(perSecond >= 100 ? "%,.0f" : "%.1f", perSecond);
  }

  /** A latency, three significant digits: {@code 512 ns}, {@code 12.3 µs}, {@code 1.23 ms}. */
  static String latency(double nanos) {
    double abs = Math.abs(nanos);
    if (abs < 1e3) {
      return format("%.0f ns", nanos);
    }
    if (abs < 1e6) {
      return threeDigits(nanos / 1e3) + " µs";
    }
    if (abs < 1e9) {
      return threeDigits(nanos / 1e6) + " ms";
    }
    return format("%.2f s", nanos / 1e9);
  }

  /** A latency difference with its sign: {@code +1.02 ms}, {@code -12.0 µs}. */
  static String signedLatency(double nanos) {
    return (nanos >= 0 ? "+" : "-") + latency(Math.abs(nanos));
  }

  /**
   * Executed batch sizes: {@code avg 27.4 (mode 32)}, or just {@code 32} when every execution
   * had the same size.
   */
  static String batch(BatchObservation batch) {
    if (batch.executions() == 0) {
      return "-";
    }
    if (batch.executionsByBatchSize().size() == 1) {
      return Long.toString(batch.mostFrequentBatch());
    }
    return "avg " + format("%.1f", batch.averageBatch()) + " (mode " + batch.mostFrequentBatch()
        + ")";
  }

  private static String threeDigits(double value) {
    double abs = Math.abs(value);
    return format(abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
