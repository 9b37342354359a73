package dev.convoy.router.telemetry;

import dev.convoy.router.backend.Backend;
import dev.convoy.router.backend.BackendState;
import dev.convoy.telemetry.metrics.Buckets;
import dev.convoy.telemetry.metrics.StateGauge;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The router's instruments. In Prometheus (after OpenTelemetry's naming rules):
 *
 * <ul>
 *   <li>{@code convoy_router_requests_total{method,model,status}}: routed calls answered
 *       (ModelInfer, ModelMetadata, ModelConfig, ModelReady; each request of a
 *       ModelStreamInfer stream counts once, under ModelStreamInfer, when answered), by gRPC
 *       status name;
 *   <li>{@code convoy_router_request_duration_seconds{method,model,status}}: from the whole
 *       request being read to the answer;
 *   <li>{@code convoy_router_backend_state{backend,state}}: 1 for each backend's state
 *       (HEALTHY, UNHEALTHY, EJECTED), 0 for the others;
 *   <li>{@code convoy_router_backend_outstanding{backend}}: requests sent and not answered;
 *   <li>{@code convoy_router_backend_choices_total{backend,kind}}: times the balancer chose it
 *       (first attempts, retries and streams);
 *   <li>{@code convoy_router_retries_total{backend,status}}: retries, by the backend that failed
 *       and its status;
 *   <li>{@code convoy_router_retry_budget_refusals_total}: retries the budget refused;
 *   <li>{@code convoy_router_ejections_total{backend}}: ejections since the backend was added.
 * </ul>
 *
 * A model no backend has reported is counted as {@code model=""}, so made-up names cannot
 * multiply the series.
 */
public final class RouterMetrics implements AutoCloseable {
  /** The instrumentation scope of the router's instruments. */
  public static final String SCOPE = "dev.convoy.router";
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  static final AttributeKey<String> BACKEND = AttributeKey.stringKey("backend");
  static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
  private static final double NANOS_PER_SECOND = 1e9;

  private final Meter meter;
  private final LongCounter requests;
  private final DoubleHistogram duration;
  private final LongCounter choices;
  private final LongCounter retries;
  private final LongCounter refusals;
  private final Map<RequestKey, Attributes> requestLabels = new ConcurrentHashMap<>();
  private final Map<String, Attributes> choiceLabels = new ConcurrentHashMap<>();
  private final Map<RetryKey, Attributes> retryLabels = new ConcurrentHashMap<>();
  private final List<Runnable> observers = new CopyOnWriteArrayList<>();

  private RouterMetrics(Meter meter) {
    this.meter = meter;
    this.requests = meter.counterBuilder("convoy.router.requests").setUnit("{request}")
        .setDescription("Routed calls answered, by method, model and gRPC status").build();
    this.duration = meter.histogramBuilder("convoy.router.request.duration").setUnit("s")
        .setDescription("Time from reading a routed call's request to answering it")
        .setExplicitBucketBoundariesAdvice(Buckets.LATENCY_SECONDS).build();
    this.choices = meter.counterBuilder("convoy.router.backend.choices").setUnit("{choice}")
        .setDescription("Times the balancer chose each backend").build();
    this.retries = meter.counterBuilder("convoy.router.retries").setUnit("{retry}")
        .setDescription("Calls retried on another backend, by the backend that failed and its status").build();
    this.refusals = meter.counterBuilder("convoy.router.retry.budget.refusals").setUnit("{retry}")
        .setDescription("Retries the retry budget refused").build();
    refusals.add(0); // exported from the start, at 0
  }

  public static RouterMetrics create(OpenTelemetry openTelemetry) {
    return new RouterMetrics(openTelemetry.getMeter(SCOPE));
  }

  /**
   * One routed call answered.
   *
   * @param method the bare method name, e.g. {@code ModelInfer}
   * @param model the model, or "" when no backend has reported it
   */
  public void answered(String method, String model, Status.Code status, long nanos) {
    Attributes labels = requestLabels.computeIfAbsent(new RequestKey(method, model, status),
        key -> Attributes.of(METHOD, method, MODEL, model, STATUS, status.name()));
    requests.add(1, labels);
    duration.record(nanos / NANOS_PER_SECOND, labels);
  }

  /** The balancer chose {@code backend}. */
  public void chosen(Backend backend) {
    choices.add(1, choiceLabels.computeIfAbsent(backend.address(),
        address -> Attributes.of(BACKEND, address, KIND, backend.kind().name())));
  }

  /** A call {@code failed} answered with {@code status} is retried on another backend. */
  public void retried(Backend failed, Status.Code status) {
    retries.add(1, retryLabels.computeIfAbsent(new RetryKey(failed.address(), status),
        key -> Attributes.of(BACKEND, key.backend(), STATUS, status.name())));
  }

  /** The retry budget refused a retry. */
  public void retryRefused() {
    refusals.add(1);
  }

  /**
   * Reports each backend's state, outstanding requests and ejections at every collection,
   * until {@link #close}.
   *
   * @param backends the backends now; must be quick and must not block
   * @param nanoTime the ticker backends' ejections are timed with
   */
  public void observe(Supplier<List<Backend>> backends, LongSupplier nanoTime) {
    StateGauge<BackendState> state = StateGauge.register(meter, "convoy.router.backend.state",
        "Each backend's state: 1 for the state it is in, 0 for the others", BACKEND.getKey(), BackendState.class,
        () -> {
          long now = nanoTime.getAsLong();
          Map<String, BackendState> states = new LinkedHashMap<>();
          backends.get().forEach(b -> states.put(b.address(), b.state(now)));
          return states;
        });
    ObservableLongGauge outstanding = meter.gaugeBuilder("convoy.router.backend.outstanding").ofLongs()
        .setUnit("{request}").setDescription("Requests sent to each backend and not yet answered")
        .buildWithCallback(m -> backends.get().forEach(b -> m.record(b.outstanding(), backendLabel(b))));
    ObservableLongCounter ejections = meter.counterBuilder("convoy.router.ejections").setUnit("{ejection}")
        .setDescription("Times each backend was ejected after repeated failures")
        .buildWithCallback(m -> backends.get().forEach(b -> m.record(b.ejections(), backendLabel(b))));
    observers.addAll(List.of(state::close, outstanding::close, ejections::close));
  }

  /** Stops reporting the backends (the router is closed; the OpenTelemetry may live on). */
  @Override
  public void close() {
    observers.forEach(Runnable::run);
    observers.clear();
  }

  private static Attributes backendLabel(Backend backend) {
    return Attributes.of(BACKEND, backend.address());
  }

  private record RequestKey(String method, String model, Status.Code status) {}

  private record RetryKey(String backend, Status.Code status) {}
}
