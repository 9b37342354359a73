package dev.convoy.monitor.window;

import dev.convoy.monitor.drift.Correction;

/**
 * How a window's drift is decided.
 *
 * @param alpha level of the per-feature KS tests after the correction
 * @param correction multiple-testing correction over the features of a window
 * @param datasetShare the dataset drifts when at least this share of features drifts
 * @param minimumWindow windows with fewer samples are reported but never alarm
 */
public record DriftSettings(double alpha, Correction correction, double datasetShare, int minimumWindow) {
  public DriftSettings {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (!(datasetShare > 0 && datasetShare <= 1)) {
      throw new IllegalArgumentException("dataset share must be in (0, 1], got " + datasetShare);
    }
    if (minimumWindow < 2) {
      throw new IllegalArgumentException("minimum window must be at least 2, got " + minimumWindow);
    }
  }

  public static DriftSettings defaults() {
    return new DriftSettings(0.05, Correction.BENJAMINI_HOCHBERG, 0.5, 50);
  }
}
