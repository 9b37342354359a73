package dev.convoy.monitor.engine;

import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import java.time.Duration;
import java.util.List;

/**
 * What the monitor's core is told at start-up.
 *
 * @param labelHorizon a label joins a sample at most this long after the sample arrived
 * @param retention samples older than this are deleted (at least the label horizon)
 * @param freezeFirst freeze a reference from the first N samples of a model version that has
 *     none; 0: never
 * @param minimumLabels labelled samples a window needs before its accuracy is judged
 */
public record EngineSettings(WindowPolicy windows, DriftSettings drift, List<AlertRule> rules,
    Duration labelHorizon, Duration retention, int freezeFirst, int minimumLabels) {
  public EngineSettings {
    rules = List.copyOf(rules);
    if (labelHorizon.isNegative() || labelHorizon.isZero()) {
      throw new IllegalArgumentException("label horizon must be positive, got " + labelHorizon);
    }
    if (retention.compareTo(labelHorizon) < 0) {
      throw new IllegalArgumentException("retention (" + retention + ") must be at least the label horizon ("
          + labelHorizon + ")");
    }
    if (freezeFirst != 0 && freezeFirst < 2) {
      throw new IllegalArgumentException("freeze-first must be 0 (off) or at least 2, got " + freezeFirst);
    }
    if (minimumLabels < 1) {
      throw new IllegalArgumentException("minimum labels must be at least 1, got " + minimumLabels);
    }
  }
}
