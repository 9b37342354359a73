package dev.convoy.server.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/**
 * The labels of the server's metrics, short as Prometheus users expect. The instance label is
 * {@code model_instance}: Prometheus keeps {@code instance} for the scraped target.
 */
final class MetricLabels {
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("model");
  static final AttributeKey<String> VERSION = AttributeKey.stringKey("version");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");
  static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("model_instance");
  static final AttributeKey<String> DEVICE = AttributeKey.stringKey("device");

  private MetricLabels() {}

  static Attributes version(String model, String version) {
    return Attributes.of(MODEL, model, VERSION, version);
  }
}
