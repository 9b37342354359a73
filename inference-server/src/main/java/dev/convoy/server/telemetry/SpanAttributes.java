package dev.convoy.server.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/** The attributes of the server's spans. */
public final class SpanAttributes {
  public static final AttributeKey<String> MODEL = AttributeKey.stringKey("convoy.model");
  public static final AttributeKey<Long> VERSION = AttributeKey.longKey("convoy.model.version");
  public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("convoy.request.id");
  /** The request's rows (its batch dimension). */
  public static final AttributeKey<Long> ROWS = AttributeKey.longKey("convoy.request.rows");
  /** The instance's index among its version's instances. */
  public static final AttributeKey<Long> INSTANCE = AttributeKey.longKey("convoy.instance");
  public static final AttributeKey<String> DEVICE = AttributeKey.stringKey("convoy.device");
  /** The rows of the whole batch. */
  public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("convoy.batch.size");
  /** How many requests the batch carries. */
  public static final AttributeKey<Long> BATCH_REQUESTS = AttributeKey.longKey("convoy.batch.requests");

  private SpanAttributes() {}
}
