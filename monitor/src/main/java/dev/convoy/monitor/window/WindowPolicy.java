package dev.convoy.monitor.window;

import java.time.Duration;

/** How windows tumble: every {@code count} samples, or every {@code duration} of arrival time. */
public sealed interface WindowPolicy {
  record ByCount(int count) implements WindowPolicy {
    public ByCount {
      if (count < 2) {
        throw new IllegalArgumentException("window count must be at least 2, got " + count);
      }
    }
  }

  record ByTime(Duration duration) implements WindowPolicy {
    public ByTime {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("window duration must be positive, got " + duration);
      }
    }
  }

  /** "500" (samples) or a duration such as "30s", "5m", "1h". */
  static WindowPolicy parse(String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      return new ByCount(Integer.parseInt(t));
    }
    return new ByTime(Durations.parse(t));
  }
}
