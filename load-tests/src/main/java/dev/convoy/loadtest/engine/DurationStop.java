package dev.convoy.loadtest.engine;

import java.util.Locale;

/** ghz's {@code --duration-stop}: what happens to calls in flight when the duration ends. */
public enum DurationStop {
  /** They are ended at once and recorded as cancelled (ghz closes its connections). */
  CLOSE,
  /** They finish and are recorded. */
  WAIT,
  /** They are ended at once and not recorded. */
  IGNORE;

  /** ghz's rule: anything but {@code wait} or {@code ignore} (any case) is {@code close}. */
  public static DurationStop parse(String name) {
    String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "wait" -> WAIT;
      case "ignore" -> IGNORE;
      default -> CLOSE;
    };
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
