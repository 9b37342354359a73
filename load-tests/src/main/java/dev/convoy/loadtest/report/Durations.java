package dev.convoy.loadtest.report;

import java.math.BigDecimal;
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

  /** Go's {@code Duration.String()}: {@code 0s}, {@code 500ms}, {@code 1.5s}, {@code 1m30s}. */
  static String go(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000) {
      return sign + n + "ns";
    }
    if (n < 1_000_000) {
      return sign + decimal(n, 1_000) + "µs";
    }
    if (n < 1_000_000_000) {
      return sign + decimal(n, 1_000_000) + "ms";
    }
    long hours = n / 3_600_000_000_000L;
    long minutes = n / 60_000_000_000L % 60;
    String seconds = decimal(n % 60_000_000_000L, 1_000_000_000) + "s";
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds;
    }
    return sign + (minutes > 0 ? minutes + "m" : "") + seconds;
  }

  /** A number as Go's {@code %v} prints a float64: no trailing zeros, no exponent. */
  static String goFloat(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  private static String decimal(long value, long unit) {
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros().toPlainString();
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
