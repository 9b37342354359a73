package dev.convoy.server.telemetry;

import dev.convoy.server.stats.VersionStatistics.Totals;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Triton's per-model metric families, with Triton's names, labels ({@code model},
 * {@code version}) and units (microseconds), read at each scrape from the same statistics that
 * ModelStatistics answers with, so every loaded version shows every family from its load on,
 * at 0 until it serves. Dashboards made for Triton read them unchanged.
 *
 * <p>Triton's counters carry no {@code _total}, and Prometheus' client writes every counter with
 * one, so these are exposed untyped (OpenMetrics: unknown) under Triton's exact sample names;
 * PromQL's {@code rate()} and {@code increase()} treat them as counters. The pending count is
 * a gauge, as in Triton.
 */
public final class TritonMetrics implements MultiCollector {
  private static final double NANOS_PER_MICRO = 1_000;
  private static final List<Family> COUNTERS = List.of(
      new Family("nv_inference_request_success",
          "Number of successful inference requests, all batch sizes", Totals::successes),
      new Family("nv_inference_request_failure",
          "Number of failed inference requests, all batch sizes", Totals::failures),
      new Family("nv_inference_count",
          "Number of inferences performed (a batch of n counts n)", Totals::inferences),
      new Family("nv_inference_exec_count",
          "Number of model executions performed (batches)", Totals::executions),
      new Family("nv_inference_request_duration_us",
          "Cumulative inference request duration in microseconds", t -> micros(t.successNanos())),
      new Family("nv_inference_queue_duration_us",
          "Cumulative inference queuing duration in microseconds", t -> micros(t.queueNanos())),
      new Family("nv_inference_compute_input_duration_us",
          "Cumulative compute input duration in microseconds", t -> micros(t.computeInputNanos())),
      new Family("nv_inference_compute_infer_duration_us",
          "Cumulative compute inference duration in microseconds", t -> micros(t.computeInferNanos())),
      new Family("nv_inference_compute_output_duration_us",
          "Cumulative inference compute output duration in microseconds", t -> micros(t.computeOutputNanos())));
  static final String PENDING = "nv_inference_pending_request_count";

  private final Supplier<? extends Collection<VersionTotals>> versions;

  /** @param versions every loaded model version, quick and non-blocking */
  public TritonMetrics(Supplier<? extends Collection<VersionTotals>> versions) {
    this.versions = versions;
  }

  @Override
  public MetricSnapshots collect() {
    Collection<VersionTotals> now = versions.get();
    List<MetricSnapshot> snapshots = new ArrayList<>(COUNTERS.size() + 1);
    for (Family family : COUNTERS) {
      UnknownSnapshot.Builder snapshot = UnknownSnapshot.builder().name(family.name()).help(family.help());
      for (VersionTotals version : now) {
        snapshot.dataPoint(UnknownDataPointSnapshot.builder().labels(version.labels())
            .value(family.value().applyAsDouble(version.totals())).build());
      }
      snapshots.add(snapshot.build());
    }
    GaugeSnapshot.Builder pending = GaugeSnapshot.builder().name(PENDING)
        .help("Instantaneous number of pending requests awaiting execution per-model");
    for (VersionTotals version : now) {
      pending.dataPoint(GaugeDataPointSnapshot.builder().labels(version.labels()).value(version.pending()).build());
    }
    snapshots.add(pending.build());
    return new MetricSnapshots(snapshots);
  }

  @Override
  public List<String> getPrometheusNames() {
    List<String> names = new ArrayList<>(COUNTERS.stream().map(Family::name).toList());
    names.add(PENDING);
    return names;
  }

  /** Triton counts whole microseconds. */
  private static double micros(long nanos) {
    return Math.floorDiv(nanos, (long) NANOS_PER_MICRO);
  }

  /** One loaded model version's totals and the requests waiting in its queue. */
  public record VersionTotals(String model, long version, Totals totals, int pending) {
    Labels labels() {
      return Labels.of("model", model, "version", Long.toString(version));
    }
  }

  private record Family(String name, String help, ToDoubleFunction<Totals> value) {}
}
