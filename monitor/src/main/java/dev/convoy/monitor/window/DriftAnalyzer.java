package dev.convoy.monitor.window;

import dev.convoy.monitor.drift.ChiSquare;
import dev.convoy.monitor.drift.Distributions;
import dev.convoy.monitor.drift.KolmogorovSmirnov;
import dev.convoy.monitor.drift.Runs;
import dev.convoy.monitor.drift.Wasserstein;
import dev.convoy.monitor.reference.ReferenceProfile;
import dev.convoy.monitor.reference.ReferenceProfile.FeatureReference;
import dev.convoy.monitor.sample.Sample;
import dev.convoy.proto.monitor.v1.FeatureDrift;
import dev.convoy.proto.monitor.v1.PredictionDrift;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a closed window with its reference: per feature PSI, KL, JS, Wasserstein and KS;
 * the KS p-values corrected together decide which features drift; the predicted classes by
 * chi-square and PSI, the top-class confidence by KS; the expected accuracy from the
 * reference's calibration. Quality from labels is added later, as labels arrive.
 */
public final class DriftAnalyzer {
  private final DriftSettings settings;

  public DriftAnalyzer(DriftSettings settings) {
    this.settings = settings;
  }

  public DriftSettings settings() {
    return settings;
  }

  /** The report of {@code window} against {@code reference} (which may be null: no drift). */
  public WindowReport analyze(ClosedWindow window, ReferenceProfile reference) {
    WindowReport.Builder report = WindowReport.newBuilder()
        .setModelName(window.key().model())
        .setModelVersion(window.key().version())
        .setWindowIndex(window.index())
        .setStartUnixNanos(window.startNanos())
        .setEndUnixNanos(window.endNanos())
        .setSamples(window.samples().size())
        .setBelowMinimum(window.samples().size() < settings.minimumWindow())
        .setCorrection(settings.correction().wireName());
    List<Sample> samples = window.samples();
    if (reference == null || samples.size() < 2) {
      return report.setHasReference(reference != null).build();
    }
    report.setHasReference(true);
    addFeatures(report, samples, reference);
    if (reference.classes() > 0 && samples.stream().allMatch(s -> s.scores().length == reference.classes())) {
      report.setPrediction(prediction(samples, reference));
      double[] confidence = samples.stream().mapToDouble(Sample::confidence).toArray();
      report.setEstimatedAccuracy(reference.calibration().expectedAccuracy(confidence));
    }
    return report.build();
  }

  private void addFeatures(WindowReport.Builder report, List<Sample> samples, ReferenceProfile reference) {
    int features = Math.min(reference.featureCount(), samples.get(0).features().length);
    double[] pValues = new double[features];
    FeatureDrift.Builder[] drifts = new FeatureDrift.Builder[features];
    Runs[] columns = SortedColumns.of(samples, features);
    for (int f = 0; f < features; f++) {
      drifts[f] = feature(reference.featureNames().get(f), reference.feature(f), columns[f]);
      pValues[f] = drifts[f].getKsPValue();
    }
    boolean[] drifted = settings.correction().reject(pValues, settings.alpha());
    int count = 0;
    for (int f = 0; f < features; f++) {
      report.addFeatures(drifts[f].setDrifted(drifted[f]));
      count += drifted[f] ? 1 : 0;
    }
    double share = features == 0 ? 0 : (double) count / features;
    report.setDriftedShare(share).setDatasetDrift(share >= settings.datasetShare());
  }

  /** The drift of one feature from the window's column, {@code sorted}. */
  private static FeatureDrift.Builder feature(String name, FeatureReference reference, Runs sorted) {
    long[] counts = reference.bins().countsSorted(sorted);
    KolmogorovSmirnov.Result ks = KolmogorovSmirnov.testSorted(reference.sorted(), sorted);
    double wasserstein = Wasserstein.distance(reference.sorted(), sorted);
    return FeatureDrift.newBuilder()
        .setFeature(name)
        .setPsi(Distributions.psi(reference.counts(), counts))
        .setKlDivergence(Distributions.kl(reference.counts(), counts))
        .setJsDistance(Distributions.jsDistance(reference.counts(), counts))
        .setKsStatistic(ks.statistic())
        .setKsPValue(ks.pValue())
        // A constant reference has no spread to scale by: the raw distance.
        .setWasserstein(reference.std() > 0 ? wasserstein / reference.std() : wasserstein);
  }

  private static PredictionDrift prediction(List<Sample> samples, ReferenceProfile reference) {
    long[] counts = new long[reference.classes()];
    for (Sample sample : samples) {
      counts[sample.predicted()]++;
    }
    ChiSquare.Result chi = ChiSquare.homogeneity(reference.classCounts(), counts);
    double[] confidence = samples.stream().mapToDouble(Sample::confidence).sorted().toArray();
    KolmogorovSmirnov.Result ks = KolmogorovSmirnov.testSorted(reference.sortedConfidence(), confidence);
    PredictionDrift.Builder prediction = PredictionDrift.newBuilder()
        .setChiSquareStatistic(chi.statistic())
        .setChiSquarePValue(chi.pValue())
        .setClassPsi(Distributions.psi(reference.classCounts(), counts))
        .setConfidenceKsStatistic(ks.statistic())
        .setConfidenceKsPValue(ks.pValue());
    Arrays.stream(counts).forEach(prediction::addClassCounts);
    return prediction.build();
  }
}
