package dev.convoy.loadtest;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as ghz reads them (go-humanize's ParseBytes): a number and an optional unit,
 * {@code 4MB} = 4,000,000, {@code 4MiB} = 4,194,304, {@code 512k}, {@code 1024}; units are
 * case-insensitive, a space between number and unit is allowed.
 */
final class ByteSizes {

  private static final Pattern SIZE = Pattern.compile("^([0-9]*\\.?[0-9]+)\\s*([a-z]*)$");

  private ByteSizes() {}

  /**
   * @throws IllegalArgumentException naming the text and the forms it may take
   */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(text);
    }
    BigDecimal bytes =
        new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2), text)));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    return bytes.longValue();
  }

  private static long unit(String unit, String text) {
    return switch (unit) {
      case "", "b" -> 1L;
      case "k", "kb" -> 1_000L;
      case "ki", "kib" -> 1L << 10;
      case "m", "mb" -> 1_000_000L;
      case "mi", "mib" -> 1L << 20;
      case "g", "gb" -> 1_000_000_000L;
      case "gi", "gib" -> 1L << 30;
      case "t", "tb" -> 1_000_000_000_000L;
      case "ti", "tib" -> 1L << 40;
      default -> throw invalid(text);
    };
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not a size; use e.g. 1024, 512KB,"
        + " 4MB or 4MiB");
  }
}
