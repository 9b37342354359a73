package dev.convoy.monitor.reference;

import dev.convoy.monitor.drift.QuantileBins;
import dev.convoy.monitor.drift.Runs;
import dev.convoy.monitor.quality.ConfidenceCalibration;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a model version's normal traffic looks like, computed once from its reference rows.
 * Immutable; every window of the model version is compared with it.
 */
public final class ReferenceProfile {
  /** Quantile steps of the PSI/KL/JS bins (deciles). */
  public static final int QUANTILES = 10;

  private final ModelKey key;
  private final List<String> featureNames;
  private final List<FeatureReference> features;
  private final int classes;
  private final long[] classCounts;
  private final double[] sortedConfidence;
  private final ConfidenceCalibration calibration;
  private final double labelledAccuracy;
  private final String source;
  private final long createdNanos;
  private final List<ReferenceRow> rows;

  private ReferenceProfile(ModelKey key, List<String> featureNames, List<ReferenceRow> rows,
      String source, long createdNanos) {
    this.key = key;
    this.featureNames = List.copyOf(featureNames);
    this.rows = List.copyOf(rows);
    this.source = source;
    this.createdNanos = createdNanos;
    this.features = new ArrayList<>();
    for (int f = 0; f < featureNames.size(); f++) {
      features.add(FeatureReference.of(column(rows, f)));
    }
    this.classes = rows.get(0).scores().length;
    this.classCounts = new long[classes];
    List<Double> confidence = new ArrayList<>();
    List<Boolean> correct = new ArrayList<>();
    for (ReferenceRow row : rows) {
      int top = Scores.argmax(row.scores());
      if (top >= 0) {
        classCounts[top]++;
        confidence.add((double) row.scores()[top]);
        if (row.label() != ReferenceRow.NO_LABEL) {
          correct.add(row.label() == top);
        } else {
          correct.add(null);
        }
      }
    }
    this.sortedConfidence = confidence.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    this.calibration = fitCalibration(confidence, correct);
    this.labelledAccuracy = correct.stream().filter(c -> c != null)
        .mapToDouble(c -> c ? 1 : 0).average().orElse(Double.NaN);
  }

  /**
   * A profile of {@code rows} (at least 2, all of the same lengths).
   *
   * @param featureNames empty for f0, f1, ...
   * @throws IllegalArgumentException naming what does not fit
   */
  public static ReferenceProfile of(ModelKey key, List<String> featureNames, List<ReferenceRow> rows,
      String source, long createdNanos) {
    if (rows.size() < 2) {
      throw new IllegalArgumentException("rows: a reference needs at least 2 rows, got " + rows.size());
    }
    int width = rows.get(0).features().length;
    int classes = rows.get(0).scores().length;
    if (width == 0) {
      throw new IllegalArgumentException("rows[0].features: must not be empty");
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).features().length != width) {
        throw new IllegalArgumentException("rows[" + i + "].features: " + rows.get(i).features().length
            + " values, rows[0] has " + width);
      }
      if (rows.get(i).scores().length != classes) {
        throw new IllegalArgumentException("rows[" + i + "].scores: " + rows.get(i).scores().length
            + " values, rows[0] has " + classes);
      }
    }
    List<String> names = featureNames.isEmpty() ? defaultNames(width) : featureNames;
    if (names.size() != width) {
      throw new IllegalArgumentException("feature_names: " + names.size() + " names for " + width + " features");
    }
    return new ReferenceProfile(key, names, rows, source, createdNanos);
  }

  private static ConfidenceCalibration fitCalibration(List<Double> confidence, List<Boolean> correct) {
    List<Integer> labelled = new ArrayList<>();
    for (int i = 0; i < correct.size(); i++) {
      if (correct.get(i) != null) {
        labelled.add(i);
      }
    }
    if (labelled.isEmpty()) {
      return ConfidenceCalibration.identity();
    }
    double[] c = labelled.stream().mapToDouble(confidence::get).toArray();
    boolean[] right = new boolean[labelled.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = correct.get(labelled.get(i));
    }
    return ConfidenceCalibration.fit(c, right);
  }

  private static double[] column(List<ReferenceRow> rows, int feature) {
    double[] column = new double[rows.size()];
    for (int i = 0; i < column.length; i++) {
      column[i] = rows.get(i).features()[feature];
    }
    return column;
  }

  private static List<String> defaultNames(int width) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      names.add("f" + i);
    }
    return names;
  }

  public ModelKey key() {
    return key;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public FeatureReference feature(int index) {
    return features.get(index);
  }

  public int featureCount() {
    return features.size();
  }

  /** Number of score columns; 0 when the reference has no scores. */
  public int classes() {
    return classes;
  }

  public long[] classCounts() {
    return classCounts.clone();
  }

  public double[] sortedConfidence() {
    return sortedConfidence.clone();
  }

  public ConfidenceCalibration calibration() {
    return calibration;
  }

  /** Accuracy on the rows with scores and a label; NaN when there are none. */
  public double labelledAccuracy() {
    return labelledAccuracy;
  }

  public String source() {
    return source;
  }

  public long createdNanos() {
    return createdNanos;
  }

  public List<ReferenceRow> rows() {
    return rows;
  }

  /**
   * One feature of the reference: its sorted values as runs, its bins and its count per bin.
   *
   * @param std population standard deviation, what Wasserstein distances are divided by
   */
  public record FeatureReference(Runs sorted, QuantileBins bins, long[] counts, double std) {
    static FeatureReference of(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      QuantileBins bins = QuantileBins.fromReference(sorted, QUANTILES);
      double mean = Arrays.stream(sorted).average().orElse(0);
      double variance = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).average().orElse(0);
      return new FeatureReference(Runs.ofSorted(sorted), bins, bins.counts(sorted), Math.sqrt(variance));
    }
  }
}
