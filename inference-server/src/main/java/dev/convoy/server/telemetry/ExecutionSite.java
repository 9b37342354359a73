package dev.convoy.server.telemetry;

import io.opentelemetry.api.common.Attributes;

/**
 * Where a batch runs: a model version's instance on a device, with the span attributes and
 * metric labels that name it, built once per instance.
 */
public final class ExecutionSite {
  private final String model;
  private final long version;
  private final Attributes spanAttributes;
  private final Attributes versionLabels;
  private final Attributes instanceLabels;

  /**
   * @param instance the instance's index among its version's instances
   * @param device e.g. {@code cpu} or {@code cuda:0}
   */
  public ExecutionSite(String model, long version, int instance, String device) {
    this.model = model;
    this.version = version;
    this.spanAttributes = Attributes.of(SpanAttributes.MODEL, model, SpanAttributes.VERSION, version,
        SpanAttributes.INSTANCE, (long) instance, SpanAttributes.DEVICE, device);
    this.versionLabels = MetricLabels.version(model, Long.toString(version));
    this.instanceLabels = versionLabels.toBuilder()
        .put(MetricLabels.INSTANCE, Integer.toString(instance))
        .put(MetricLabels.DEVICE, device)
        .build();
  }

  public String model() {
    return model;
  }

  public long version() {
    return version;
  }

  Attributes spanAttributes() {
    return spanAttributes;
  }

  Attributes versionLabels() {
    return versionLabels;
  }

  Attributes instanceLabels() {
    return instanceLabels;
  }
}
