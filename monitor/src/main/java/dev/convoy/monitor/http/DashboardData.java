package dev.convoy.monitor.http;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.convoy.monitor.engine.MonitorEngine;
import dev.convoy.monitor.reference.ReferenceProfile;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.store.SampleTable;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.util.List;
import java.util.Optional;

/** The JSON the dashboard page reads: models, reports, histograms, alerts. */
public final class DashboardData {
  private static final int REPORTS = 200;
  private static final int ALERTS = 100;
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace()
      .includingDefaultValueFields();

  private final MonitorEngine engine;

  public DashboardData(MonitorEngine engine) {
    this.engine = engine;
  }

  /** Every model version with samples or a reference, and its thresholds. */
  String models() {
    JsonArray models = new JsonArray();
    for (ModelKey key : engine.store().models()) {
      JsonObject model = new JsonObject();
      model.addProperty("model", key.model());
      model.addProperty("version", key.version());
      model.addProperty("hasReference", engine.reference(key).isPresent());
      models.add(model);
    }
    JsonObject out = new JsonObject();
    out.add("models", models);
    out.addProperty("datasetShare", engine.settings().drift().datasetShare());
    out.addProperty("minimumWindow", engine.settings().drift().minimumWindow());
    JsonArray rules = new JsonArray();
    engine.settings().rules().forEach(r -> {
      JsonObject rule = new JsonObject();
      rule.addProperty("name", r.name());
      rule.addProperty("metric", r.metric().wireName());
      rule.addProperty("threshold", r.threshold());
      rules.add(rule);
    });
    out.add("rules", rules);
    return new Gson().toJson(out);
  }

  String reports(String model, String version) {
    JsonArray out = new JsonArray();
    engine.store().reports(model, version, 0, 0, REPORTS).forEach(r -> out.add(json(r)));
    return out.toString();
  }

  /** Per feature: the bin edges, the reference's and the last window's share per bin. */
  String histograms(String model, String version) {
    ModelKey key = new ModelKey(model, version);
    Optional<ReferenceProfile> reference = engine.reference(key);
    JsonObject out = new JsonObject();
    List<WindowReport> last = engine.store().reports(model, version, 0, 0, 1);
    if (reference.isEmpty() || last.isEmpty()) {
      out.add("features", new JsonArray());
      return out.toString();
    }
    WindowReport report = last.get(0);
    List<SampleTable.LabelledSample> samples = engine.store().samples().ofWindow(key, report.getWindowIndex());
    JsonArray features = new JsonArray();
    for (int f = 0; f < reference.get().featureCount(); f++) {
      ReferenceProfile.FeatureReference feature = reference.get().feature(f);
      long[] current = new long[feature.counts().length];
      for (SampleTable.LabelledSample s : samples) {
        if (f < s.sample().features().length) {
          current[feature.bins().binOf(s.sample().features()[f])]++;
        }
      }
      JsonObject histogram = new JsonObject();
      histogram.addProperty("name", reference.get().featureNames().get(f));
      histogram.add("edges", new Gson().toJsonTree(feature.bins().edges()));
      histogram.add("reference", shares(feature.counts()));
      histogram.add("current", shares(current));
      histogram.addProperty("psi", f < report.getFeaturesCount() ? report.getFeatures(f).getPsi() : 0);
      features.add(histogram);
    }
    out.addProperty("window", report.getWindowIndex());
    out.add("features", features);
    return out.toString();
  }

  String alerts() {
    JsonArray out = new JsonArray();
    engine.store().recentAlerts(ALERTS).forEach(a -> out.add(json(a)));
    return out.toString();
  }

  private static JsonArray shares(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    JsonArray out = new JsonArray();
    for (long c : counts) {
      out.add(total == 0 ? 0 : (double) c / total);
    }
    return out;
  }

  private static JsonObject json(MessageOrBuilder message) {
    try {
      return JsonParser.parseString(PRINTER.print(message)).getAsJsonObject();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("monitor messages always print as JSON", e);
    }
  }
}
