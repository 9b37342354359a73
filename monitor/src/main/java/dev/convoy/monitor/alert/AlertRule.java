package dev.convoy.monitor.alert;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold on one metric of a window report, breached for {@code forWindows} consecutive
 * windows before it fires. Written {@code NAME=METRIC[@FEATURE] OP THRESHOLD [for N]}, e.g.
 * {@code drift=dataset_drift_share>=0.5 for 2}, {@code pixel=psi@p20>0.25},
 * {@code accuracy=accuracy_drop>0.1}.
 */
public record AlertRule(String name, Metric metric, Optional<String> feature, Comparison comparison,
    double threshold, int forWindows) {
  private static final Pattern SYNTAX = Pattern.compile(
      "([A-Za-z0-9_.-]+)=([a-z_]+)(?:@([A-Za-z0-9_.-]+))?\\s*(>=|<=|>|<)\\s*([-+0-9.eE]+)(?:\\s+for\\s+(\\d+))?");

  public AlertRule {
    if (forWindows < 1) {
      throw new IllegalArgumentException("rule " + name + ": 'for' must be at least 1 window");
    }
    if (feature.isPresent() && !metric.perFeature()) {
      throw new IllegalArgumentException("rule " + name + ": " + metric.wireName() + " is not a per-feature metric");
    }
  }

  /** @throws IllegalArgumentException saying what does not parse */
  public static AlertRule parse(String text) {
    Matcher m = SYNTAX.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("alert rule must read NAME=METRIC[@FEATURE] OP THRESHOLD [for N],"
          + " e.g. drift=dataset_drift_share>=0.5 for 2; got '" + bounded(text) + "'");
    }
    double threshold;
    try {
      threshold = Double.parseDouble(m.group(5));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("alert rule " + m.group(1) + ": threshold is not a number", e);
    }
    return new AlertRule(m.group(1), Metric.parse(m.group(2)), Optional.ofNullable(m.group(3)),
        Comparison.parse(m.group(4)), threshold, m.group(6) == null ? 1 : Integer.parseInt(m.group(6)));
  }

  /** The rules a monitor starts with unless told otherwise. */
  public static java.util.List<AlertRule> defaults() {
    return java.util.List.of(parse("dataset-drift=dataset_drift_share>=0.5 for 2"),
        parse("prediction-drift=prediction_psi>0.25 for 2"),
        parse("accuracy-drop=accuracy_drop>0.1"));
  }

  public boolean breached(double value) {
    return comparison.holds(value, threshold);
  }

  private static String bounded(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  /** How a value is compared with the threshold. */
  public enum Comparison {
    ABOVE(">"), AT_LEAST(">="), BELOW("<"), AT_MOST("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    static Comparison parse(String symbol) {
      for (Comparison c : values()) {
        if (c.symbol.equals(symbol)) {
          return c;
        }
      }
      throw new IllegalArgumentException("comparison must be >, >=, < or <=, got " + symbol);
    }

    boolean holds(double value, double threshold) {
      return switch (this) {
        case ABOVE -> value > threshold;
        case AT_LEAST -> value >= threshold;
        case BELOW -> value < threshold;
        case AT_MOST -> value <= threshold;
      };
    }
  }
}
