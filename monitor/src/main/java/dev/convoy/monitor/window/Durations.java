package dev.convoy.monitor.window;

import java.time.Duration;

/** Parses "250ms", "30s", "5m", "2h", "7d". */
public final class Durations {
  private Durations() {
  }

  public static Duration parse(String text) {
    String t = text.strip();
    int split = 0;
    while (split < t.length() && Character.isDigit(t.charAt(split))) {
      split++;
    }
    if (split == 0 || split == t.length()) {
      throw new IllegalArgumentException("not a duration (e.g. 30s, 5m, 2h): '" + bounded(t) + "'");
    }
    long amount = Long.parseLong(t.substring(0, split));
    return switch (t.substring(split)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("duration unit must be ms, s, m, h or d: '" + bounded(t) + "'");
    };
  }

  private static String bounded(String t) {
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }
}
