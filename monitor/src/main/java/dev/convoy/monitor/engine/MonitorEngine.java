package dev.convoy.monitor.engine;

import dev.convoy.monitor.alert.AlertEvaluator;
import dev.convoy.monitor.alert.AlertSink;
import dev.convoy.monitor.alert.Metric;
import dev.convoy.monitor.reference.ReferenceProfile;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.sample.ModelKey;
import dev.convoy.monitor.sample.Sample;
import dev.convoy.monitor.store.LabelTable;
import dev.convoy.monitor.store.MonitorStore;
import dev.convoy.monitor.store.SampleTable;
import dev.convoy.monitor.store.SampleTable.Placed;
import dev.convoy.monitor.window.ClosedWindow;
import dev.convoy.monitor.window.DriftAnalyzer;
import dev.convoy.monitor.window.Windows;
import dev.convoy.proto.monitor.v1.Alert;
import dev.convoy.proto.monitor.v1.UploadReferenceRequest;
import dev.convoy.proto.monitor.v1.WindowReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.Supplier;

/**
 * The monitor's core. Every change runs on one writer thread (the injected executor), in the
 * order asked: a batch of samples is validated, placed in windows, committed, and only then
 * is its future completed; windows it closes are analysed, stored and handed to the alert
 * rules. Labels are joined, committed, and refresh the quality of the windows they touch.
 * Reads ({@link #reference}, {@link #latestReports}, {@link #activeAlerts}) may come from any
 * thread.
 */
public final class MonitorEngine {
  private static final Logger log = LoggerFactory.getLogger(MonitorEngine.class);
  private static final int MAX_REASONS = 8;

  private final EngineSettings settings;
  private final MonitorStore store;
  private final ScheduledExecutorService writer;
  private final LongSupplier epochNanos;
  private final DriftAnalyzer analyzer;
  private final AlertEvaluator alerts;
  private final List<AlertSink> sinks;
  private final Windows windows;
  private final Map<ModelKey, ReferenceProfile> references = new ConcurrentHashMap<>();
  private final Map<ModelKey, WindowReport> latest = new ConcurrentHashMap<>();
  private final Map<ModelKey, Integer> classes = new HashMap<>();
  private final Map<ModelKey, Long> storedCounts = new HashMap<>();
  private volatile List<Alert> active = List.of();

  /** Builds the core over {@code store} and resumes from what it holds (on the writer thread). */
  public MonitorEngine(EngineSettings settings, MonitorStore store, ScheduledExecutorService writer,
      LongSupplier epochNanos, List<AlertSink> sinks) {
    this.settings = settings;
    this.store = store;
    this.writer = writer;
    this.epochNanos = epochNanos;
    this.analyzer = new DriftAnalyzer(settings.drift());
    this.alerts = new AlertEvaluator(settings.rules());
    this.sinks = List.copyOf(sinks);
    this.windows = new Windows(settings.windows());
  }

  /** Loads references and the open windows from the store; call once before anything else. */
  public CompletableFuture<Void> start() {
    return submit(() -> {
      for (var stored : store.references().all()) {
        install(profile(stored.content(), stored.source(), stored.createdNanos()));
      }
      store.lastWindows().forEach((key, last) -> {
        List<Sample> open = store.samples().afterWindow(key, last).stream().map(SampleTable.LabelledSample::sample)
            .toList();
        storedCounts.put(key, store.samples().count(key));
        open.stream().findFirst().ifPresent(s -> classes.put(key, s.scores().length));
        store.reports(key.model(), key.version(), 0, 0, 1).forEach(r -> latest.put(key, r));
        windows.resume(key, last + 1, open).forEach(this::report);
      });
      return null;
    });
  }

  /** Stores a batch; completes once it is committed. */
  public CompletableFuture<IngestResult> ingest(List<dev.convoy.proto.monitor.v1.Sample> batch) {
    return submit(() -> ingestNow(batch));
  }

  private IngestResult ingestNow(List<dev.convoy.proto.monitor.v1.Sample> batch) {
    long now = epochNanos.getAsLong();
    List<String> reasons = new ArrayList<>();
    List<Sample> valid = new ArrayList<>();
    int rejected = 0;
    for (int i = 0; i < batch.size(); i++) {
      String problem = SampleValidator.problem(batch.get(i), references);
      if (problem != null) {
        rejected++;
        if (reasons.size() < MAX_REASONS) {
          reasons.add("samples[" + i + "]." + problem);
        }
        continue;
      }
      valid.add(SampleValidator.toSample(batch.get(i), now));
    }
    // Duplicates are left out before windows see them: a resent batch counts once.
    Set<Integer> duplicates = store.samples().duplicates(valid);
    List<Placed> placed = new ArrayList<>();
    List<ClosedWindow> closed = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      if (!duplicates.contains(i)) {
        Windows.Placement placement = windows.place(valid.get(i));
        placed.add(new Placed(valid.get(i), placement.index()));
        closed.addAll(placement.closed());
      }
    }
    store.samples().insert(placed);
    for (Placed p : placed) {
      classes.put(p.sample().key(), p.sample().scores().length);
      storedCounts.merge(p.sample().key(), 1L, Long::sum);
    }
    closed.forEach(this::report);
    autoFreeze();
    return new IngestResult(placed.size(), duplicates.size(), rejected, reasons);
  }

  /** Joins labels; completes once they are committed. */
  public CompletableFuture<LabelTable.Outcome> labels(List<LabelTable.Incoming> labels) {
    return submit(() -> {
      LabelTable.Outcome outcome = store.labels().join(labels, epochNanos.getAsLong(),
          settings.labelHorizon().toNanos());
      for (LabelTable.Touched touched : outcome.touched()) {
        store.report(touched.key(), touched.windowIndex()).ifPresent(this::refreshQuality);
      }
      return outcome;
    });
  }

  /** Sets a reference from uploaded rows. */
  public CompletableFuture<ReferenceProfile> upload(UploadReferenceRequest request) {
    return submit(() -> {
      long now = epochNanos.getAsLong();
      ReferenceProfile profile = profile(request, "upload", now);
      store.references().save(request, "upload", now);
      install(profile);
      return profile;
    });
  }

  /** Sets a reference from the first {@code count} stored samples of {@code key}. */
  public CompletableFuture<ReferenceProfile> freeze(ModelKey key, int count) {
    return submit(() -> freezeNow(key, count));
  }

  /** Closes the time windows that have ended and applies the retention. */
  public CompletableFuture<Void> tick() {
    return submit(() -> {
      long now = epochNanos.getAsLong();
      windows.closeDue(now).forEach(this::report);
      store.samples().deleteBefore(now - settings.retention().toNanos());
      return null;
    });
  }

  public Optional<ReferenceProfile> reference(ModelKey key) {
    return Optional.ofNullable(references.get(key));
  }

  /** The last report of each model version. */
  public Map<ModelKey, WindowReport> latestReports() {
    return Map.copyOf(latest);
  }

  /** Alerts pending or firing now. */
  public List<Alert> activeAlerts() {
    return active;
  }

  public MonitorStore store() {
    return store;
  }

  public EngineSettings settings() {
    return settings;
  }

  private ReferenceProfile freezeNow(ModelKey key, int count) {
    List<SampleTable.LabelledSample> first = store.samples().first(key, count);
    if (first.size() < count || count < 2) {
      throw new NotEnoughSamplesException("cannot freeze a reference of " + key + " from " + count
          + " samples: " + first.size() + " stored");
    }
    UploadReferenceRequest.Builder request = UploadReferenceRequest.newBuilder()
        .setModelName(key.model()).setModelVersion(key.version());
    ReferenceProfile current = references.get(key);
    if (current != null) {
      request.addAllFeatureNames(current.featureNames());
    }
    for (SampleTable.LabelledSample s : first) {
      var row = dev.convoy.proto.monitor.v1.ReferenceRow.newBuilder().setLabel(s.label());
      for (float f : s.sample().features()) {
        row.addFeatures(f);
      }
      for (float f : s.sample().scores()) {
        row.addScores(f);
      }
      request.addRows(row);
    }
    long now = epochNanos.getAsLong();
    ReferenceProfile profile = profile(request.build(), "frozen", now);
    store.references().save(request.build(), "frozen", now);
    install(profile);
    return profile;
  }

  private void autoFreeze() {
    if (settings.freezeFirst() == 0) {
      return;
    }
    storedCounts.forEach((key, count) -> {
      if (count >= settings.freezeFirst() && !references.containsKey(key)) {
        freezeNow(key, settings.freezeFirst());
      }
    });
  }

  private void report(ClosedWindow window) {
    WindowReport report = withQuality(analyzer.analyze(window, references.get(window.key())));
    store.saveReport(report);
    latest.put(window.key(), report);
    raise(alerts.evaluate(report, Metric.Source.DRIFT, referenceAccuracy(window.key()), epochNanos.getAsLong()));
    if (report.getQuality().getLabelled() >= settings.minimumLabels()) {
      raise(alerts.evaluate(report, Metric.Source.LABELS, referenceAccuracy(window.key()), epochNanos.getAsLong()));
    }
  }

  private void refreshQuality(WindowReport stored) {
    WindowReport report = withQuality(stored);
    store.saveReport(report);
    ModelKey key = new ModelKey(report.getModelName(), report.getModelVersion());
    latest.computeIfPresent(key, (k, r) -> r.getWindowIndex() == report.getWindowIndex() ? report : r);
    if (report.getQuality().getLabelled() >= settings.minimumLabels()) {
      raise(alerts.evaluate(report, Metric.Source.LABELS, referenceAccuracy(key), epochNanos.getAsLong()));
    }
  }

  private WindowReport withQuality(WindowReport report) {
    ModelKey key = new ModelKey(report.getModelName(), report.getModelVersion());
    int classCount = classes.getOrDefault(key, 0);
    if (classCount == 0) {
      return report;
    }
    return report.toBuilder()
        .setQuality(Reports.quality(store.samples().confusion(key, report.getWindowIndex(), classCount).scores()))
        .build();
  }

  private double referenceAccuracy(ModelKey key) {
    ReferenceProfile reference = references.get(key);
    return reference == null ? Double.NaN : reference.labelledAccuracy();
  }

  private void raise(List<Alert> transitions) {
    if (transitions.isEmpty()) {
      return;
    }
    active = List.copyOf(alerts.active());
    for (Alert alert : transitions) {
      store.saveAlert(alert);
      sinks.forEach(s -> s.deliver(alert));
    }
  }

  private void install(ReferenceProfile profile) {
    references.put(profile.key(), profile);
  }

  private static ReferenceProfile profile(UploadReferenceRequest request, String source, long createdNanos) {
    List<ReferenceRow> rows = new ArrayList<>();
    for (var row : request.getRowsList()) {
      float[] features = new float[row.getFeaturesCount()];
      for (int i = 0; i < features.length; i++) {
        features[i] = row.getFeatures(i);
      }
      float[] scores = new float[row.getScoresCount()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = row.getScores(i);
      }
      rows.add(new ReferenceRow(features, scores, row.getLabel() < 0 ? ReferenceRow.NO_LABEL : row.getLabel()));
    }
    return ReferenceProfile.of(new ModelKey(request.getModelName(), request.getModelVersion()),
        request.getFeatureNamesList(), rows, source, createdNanos);
  }

  private <T> CompletableFuture<T> submit(Supplier<T> task) {
    return onWriter(writer, task);
  }

  /**
   * Runs {@code task} on {@code writer}; the future fails with whatever it throws, errors too.
   * A scheduled executor keeps a task's {@link Error} in a future of its own that nobody reads:
   * when the request index ran the heap out, the caller's future never completed and its
   * Ingest stream waited for the ack forever, with nothing logged.
   */
  static <T> CompletableFuture<T> onWriter(Executor writer, Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      writer.execute(() -> {
        try {
          result.complete(task.get());
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        } catch (Error e) {
          log.error("the monitor's writer failed", e);
          result.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new ShuttingDownException());
    }
    return result;
  }
}
