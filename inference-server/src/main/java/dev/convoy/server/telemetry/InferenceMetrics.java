package dev.convoy.server.telemetry;

import dev.convoy.telemetry.metrics.Buckets;
import io.grpc.Status;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's instruments. In Prometheus (after OpenTelemetry's naming rules):
 *
 * <ul>
 *   <li>{@code convoy_inference_requests_total{model,version,status}}: requests answered, by
 *       gRPC status name ({@code OK}, {@code INVALID_ARGUMENT}, ...);
 *   <li>{@code convoy_request_duration_seconds{model,version,status}}: receipt to answer;
 *   <li>{@code convoy_queue_duration_seconds{model,version}}: queue wait of requests that ran;
 *   <li>{@code convoy_batch_size{model,version}}: rows per model execution;
 *   <li>{@code convoy_instance_busy_seconds_total{model,version,model_instance,device}}: time
 *       each instance spent running batches ({@code rate()} of it is the utilisation);
 *   <li>{@code convoy_queue_depth{model,version}}: requests waiting for a batch.
 * </ul>
 *
 * A request for a model the server does not know is counted with {@code model=""}, so made-up
 * names cannot multiply the series.
 */
public final class InferenceMetrics {
  private static final double NANOS_PER_SECOND = 1e9;

  private final Meter meter;
  private final LongCounter requests;
  private final DoubleHistogram duration;
  private final DoubleHistogram queueTime;
  private final LongHistogram batchSize;
  private final DoubleCounter busy;
  private final Map<VersionName, RequestLabels> requestLabels = new ConcurrentHashMap<>();
  private final Map<VersionKey, Attributes> versionLabels = new ConcurrentHashMap<>();

  InferenceMetrics(Meter meter) {
    this.meter = meter;
    this.requests = meter.counterBuilder("convoy.inference.requests").setUnit("{request}")
        .setDescription("Inference requests answered, by model, version and gRPC status").build();
    this.duration = meter.histogramBuilder("convoy.request.duration").setUnit("s")
        .setDescription("Time from receiving an inference request to answering it")
        .setExplicitBucketBoundariesAdvice(Buckets.LATENCY_SECONDS).build();
    this.queueTime = meter.histogramBuilder("convoy.queue.duration").setUnit("s")
        .setDescription("Time requests waited in their model's queue before their batch was dispatched")
        .setExplicitBucketBoundariesAdvice(Buckets.LATENCY_SECONDS).build();
    this.batchSize = meter.histogramBuilder("convoy.batch.size").ofLongs().setUnit("{row}")
        .setDescription("Rows per model execution")
        .setExplicitBucketBoundariesAdvice(Buckets.BATCH_SIZES).build();
    this.busy = meter.counterBuilder("convoy.instance.busy").ofDoubles().setUnit("s")
        .setDescription("Time each model instance spent running batches").build();
  }

  /**
   * One request answered.
   *
   * @param model the model, or "" when the server does not know it
   * @param version the version that served it, or "" when none was resolved
   */
  public void requestAnswered(String model, String version, Status.Code status, long nanos) {
    requestAnswered(labels(model, version), status, nanos);
  }

  /** One request answered, with labels from {@link #labels}: the per-request path. */
  public void requestAnswered(RequestLabels labels, Status.Code status, long nanos) {
    Attributes attributes = labels.of(status);
    requests.add(1, attributes);
    duration.record(nanos / NANOS_PER_SECOND, attributes);
  }

  /** The request labels of a model version, the same object for every call with equal names. */
  public RequestLabels labels(String model, String version) {
    return requestLabels.computeIfAbsent(new VersionName(model, version), key -> new RequestLabels(model, version));
  }

  /** Shows a newly loaded version's request counter at 0 (status OK) before it serves. */
  public void versionLoaded(RequestLabels labels) {
    requests.add(0, labels.of(Status.Code.OK));
  }

  /** Shows a newly loaded instance's busy time at 0 before it runs a batch. */
  public void instanceLoaded(ExecutionSite site) {
    busy.add(0, site.instanceLabels());
  }

  /** A request's wait in the queue, as its batch leaves for {@code site}. */
  public void queued(ExecutionSite site, long queueNanos) {
    queueTime.record(queueNanos / NANOS_PER_SECOND, site.versionLabels());
  }

  /** One model execution of {@code rows} rows that kept its instance busy {@code busyNanos}. */
  public void executed(ExecutionSite site, long rows, long busyNanos) {
    batchSize.record(rows, site.versionLabels());
    busy.add(busyNanos / NANOS_PER_SECOND, site.instanceLabels());
  }

  /**
   * Reports the queue depths {@code depths} gives at each collection; close the result to stop.
   *
   * @param depths must be quick and must not block
   */
  public ObservableLongGauge observeQueueDepths(Supplier<? extends Collection<QueueDepth>> depths) {
    return meter.gaugeBuilder("convoy.queue.depth").ofLongs().setUnit("{request}")
        .setDescription("Requests waiting in a model version's queue for a batch")
        .buildWithCallback(measurement -> depths.get().forEach(depth -> measurement.record(depth.requests(),
            versionLabels.computeIfAbsent(new VersionKey(depth.model(), depth.version()),
                key -> MetricLabels.version(depth.model(), Long.toString(depth.version()))))));
  }

  /** The requests waiting in one model version's queue. */
  public record QueueDepth(String model, long version, int requests) {}

  private record VersionName(String model, String version) {}

  private record VersionKey(String model, long version) {}
}
