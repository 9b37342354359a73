package dev.convoy.monitor.telemetry;

import dev.convoy.monitor.engine.IngestResult;
import dev.convoy.monitor.engine.MonitorEngine;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.store.LabelTable;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.FeatureDrift;
import dev.convoy.proto.monitor.v1.WindowReport;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counters of samples and labels by outcome, and gauges read from the engine at each scrape:
 * the last window's drift per model version (dataset share, per-feature PSI and KS), its
 * accuracy and estimated accuracy, and the alerts firing per rule.
 */
public final class MonitorMetrics {
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");
  private static final AttributeKey<String> VERSION = AttributeKey.stringKey("version");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  private static final AttributeKey<String> FEATURE = AttributeKey.stringKey("feature");
  private static final AttributeKey<String> RULE = AttributeKey.stringKey("rule");

  private final LongCounter samples;
  private final LongCounter labels;

  public MonitorMetrics(OpenTelemetry openTelemetry, Supplier<MonitorEngine> engine) {
    Meter meter = openTelemetry.getMeter("dev.convoy.monitor");
    samples = meter.counterBuilder("convoy.monitor.samples").setUnit("{sample}")
        .setDescription("Samples received, by outcome: accepted, duplicate, rejected").build();
    labels = meter.counterBuilder("convoy.monitor.labels").setUnit("{label}")
        .setDescription("Labels received, by outcome: joined, unknown, late, duplicate").build();
    gauge(meter, "convoy.monitor.drift.share", "Share of features drifting in the last window",
        engine, (r, m) -> m.record(r.getDriftedShare(), key(r)));
    gauge(meter, "convoy.monitor.feature.psi", "PSI of each feature in the last window",
        engine, (r, m) -> r.getFeaturesList().forEach(f -> m.record(f.getPsi(), feature(r, f))));
    gauge(meter, "convoy.monitor.feature.ks", "Kolmogorov-Smirnov statistic of each feature in the last window",
        engine, (r, m) -> r.getFeaturesList().forEach(f -> m.record(f.getKsStatistic(), feature(r, f))));
    gauge(meter, "convoy.monitor.accuracy", "Accuracy of the last window's labelled samples",
        engine, (r, m) -> {
          if (r.getQuality().getLabelled() > 0) {
            m.record(r.getQuality().getAccuracy(), key(r));
          }
        });
    gauge(meter, "convoy.monitor.estimated_accuracy", "Accuracy expected from calibrated confidence, last window",
        engine, (r, m) -> {
          if (r.hasPrediction()) {
            m.record(r.getEstimatedAccuracy(), key(r));
          }
        });
    meter.gaugeBuilder("convoy.monitor.alerts.firing").ofLongs().setUnit("{alert}")
        .setDescription("Alerts firing, by rule and model version")
        .buildWithCallback(m -> engine.get().activeAlerts().stream()
            .filter(a -> a.getState() == Alert.State.FIRING)
            .forEach(a -> m.record(1, Attributes.of(RULE, a.getRule(), MODEL, a.getModelName(),
                VERSION, a.getModelVersion()))));
  }

  private interface Reading {
    void read(WindowReport report, ObservableDoubleMeasurement measurement);
  }

  private static void gauge(Meter meter, String name, String description, Supplier<MonitorEngine> engine,
      Reading reading) {
    meter.gaugeBuilder(name).setDescription(description).setUnit("1").buildWithCallback(m -> {
      for (Map.Entry<ModelKey, WindowReport> e : engine.get().latestReports().entrySet()) {
        reading.read(e.getValue(), m);
      }
    });
  }

  private static Attributes key(WindowReport r) {
    return Attributes.of(MODEL, r.getModelName(), VERSION, r.getModelVersion());
  }

  private static Attributes feature(WindowReport r, FeatureDrift f) {
    return Attributes.of(MODEL, r.getModelName(), VERSION, r.getModelVersion(), FEATURE, f.getFeature());
  }

  public void samples(IngestResult result) {
    samples.add(result.accepted(), Attributes.of(OUTCOME, "accepted"));
    samples.add(result.duplicates(), Attributes.of(OUTCOME, "duplicate"));
    samples.add(result.rejected(), Attributes.of(OUTCOME, "rejected"));
  }

  public void labels(LabelTable.Outcome outcome) {
    labels.add(outcome.joined(), Attributes.of(OUTCOME, "joined"));
    labels.add(outcome.unknown(), Attributes.of(OUTCOME, "unknown"));
    labels.add(outcome.late(), Attributes.of(OUTCOME, "late"));
    labels.add(outcome.duplicates(), Attributes.of(OUTCOME, "duplicate"));
  }
}
