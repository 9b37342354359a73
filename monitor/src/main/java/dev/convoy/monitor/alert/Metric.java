package dev.convoy.monitor.alert;

import dev.convoy.proto.monitor.v1.FeatureDrift;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The metrics of a window report that a rule can watch. */
public enum Metric {
  DATASET_DRIFT_SHARE("dataset_drift_share", Source.DRIFT, null),
  PSI("psi", Source.DRIFT, FeatureDrift::getPsi),
  KS_STATISTIC("ks_statistic", Source.DRIFT, FeatureDrift::getKsStatistic),
  KL_DIVERGENCE("kl_divergence", Source.DRIFT, FeatureDrift::getKlDivergence),
  JS_DISTANCE("js_distance", Source.DRIFT, FeatureDrift::getJsDistance),
  WASSERSTEIN("wasserstein", Source.DRIFT, FeatureDrift::getWasserstein),
  PREDICTION_PSI("prediction_psi", Source.DRIFT, null),
  ESTIMATED_ACCURACY("estimated_accuracy", Source.DRIFT, null),
  ESTIMATED_ACCURACY_DROP("estimated_accuracy_drop", Source.DRIFT, null),
  ACCURACY("accuracy", Source.LABELS, null),
  ACCURACY_DROP("accuracy_drop", Source.LABELS, null),
  MACRO_F1("macro_f1", Source.LABELS, null);

  /** When a metric is known: at the window's close, or once enough of its labels arrived. */
  public enum Source { DRIFT, LABELS }

  private final String wireName;
  private final Source source;
  private final ToDoubleFunction<FeatureDrift> perFeature;

  Metric(String wireName, Source source, ToDoubleFunction<FeatureDrift> perFeature) {
    this.wireName = wireName;
    this.source = source;
    this.perFeature = perFeature;
  }

  public String wireName() {
    return wireName;
  }

  public Source source() {
    return source;
  }

  public boolean perFeature() {
    return perFeature != null;
  }

  static Metric parse(String name) {
    for (Metric m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown alert metric '" + name + "'");
  }

  /** A measured value and the feature it belongs to ("" for a window-level metric). */
  public record Measured(double value, String feature) {
  }

  /**
   * The value in {@code report}; a per-feature metric without a feature is the largest over
   * the features. Empty when the report does not have it (no reference, no scores, no labels).
   *
   * @param referenceAccuracy accuracy on the reference's labelled rows (NaN if unknown)
   */
  public Optional<Measured> measure(WindowReport report, Optional<String> feature, double referenceAccuracy) {
    if (perFeature()) {
      return report.getFeaturesList().stream()
          .filter(f -> feature.map(f.getFeature()::equals).orElse(true))
          .max(Comparator.comparingDouble(perFeature))
          .map(f -> new Measured(perFeature.applyAsDouble(f), f.getFeature()));
    }
    double value = switch (this) {
      case DATASET_DRIFT_SHARE -> report.getFeaturesCount() == 0 ? Double.NaN : report.getDriftedShare();
      case PREDICTION_PSI -> report.hasPrediction() ? report.getPrediction().getClassPsi() : Double.NaN;
      case ESTIMATED_ACCURACY -> report.hasPrediction() ? report.getEstimatedAccuracy() : Double.NaN;
      case ESTIMATED_ACCURACY_DROP ->
          report.hasPrediction() ? referenceAccuracy - report.getEstimatedAccuracy() : Double.NaN;
      case ACCURACY -> report.getQuality().getLabelled() == 0 ? Double.NaN : report.getQuality().getAccuracy();
      case ACCURACY_DROP ->
          report.getQuality().getLabelled() == 0 ? Double.NaN : referenceAccuracy - report.getQuality().getAccuracy();
      case MACRO_F1 -> report.getQuality().getLabelled() == 0 ? Double.NaN : report.getQuality().getMacroF1();
      default -> throw new IllegalStateException(wireName);
    };
    return Double.isNaN(value) ? Optional.empty() : Optional.of(new Measured(value, ""));
  }
}
