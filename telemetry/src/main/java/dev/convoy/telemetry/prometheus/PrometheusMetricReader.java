package dev.convoy.telemetry.prometheus;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Registered with the SDK's meter provider, collects every instrument when Prometheus scrapes
 * (cumulative temporality, as Prometheus expects); registered with a Prometheus registry, hands
 * the result over as Prometheus snapshots.
 */
public final class PrometheusMetricReader implements MetricReader, MultiCollector {
  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  @Override
  public void register(CollectionRegistration collection) {
    this.registration = collection;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public MetricSnapshots collect() {
    return PrometheusSnapshots.convert(registration.collectAllMetrics());
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    registration = CollectionRegistration.noop();
    return CompletableResultCode.ofSuccess();
  }
}
