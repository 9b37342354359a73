package dev.convoy.loadtest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations written as Go (and so ghz) writes them: {@code 10s}, {@code 1m30s},
 * {@code 500ms}, {@code 250us}, {@code 2h}; {@code 0} alone means zero.
 */
public final class GoDurations implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|μs|ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws CommandLine.TypeConversionException with an example of the expected form
   */
  public static Duration parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      BigDecimal unit = BigDecimal.valueOf(unitNanos(m.group(2)));
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
      at = m.end();
    }
    if (at != t.length() || t.isEmpty()) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration; use e.g. 10s, 1m30s, 500ms or 2h");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw new IllegalArgumentException(unit);
    };
  }
}
