package dev.convoy.router.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes the router adds to its spans. Model and version carry the inference server's
 * names, so a search by model finds both hops.
 */
public final class SpanAttributes {
  public static final AttributeKey<String> MODEL = AttributeKey.stringKey("convoy.model");
  /** The version the request names; absent when it names none (the backend's default). */
  public static final AttributeKey<Long> VERSION = AttributeKey.longKey("convoy.model.version");
  /** The backend's {@code host:port}. */
  public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("convoy.backend.address");
  /** {@code GPU} or {@code CPU}. */
  public static final AttributeKey<String> BACKEND_KIND = AttributeKey.stringKey("convoy.backend.kind");
  /** 1 for the first try, 2 for the retry. */
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("convoy.attempt");
  /** A gRPC status as {@code CODE: description}, on the retry events. */
  public static final AttributeKey<String> STATUS = AttributeKey.stringKey("convoy.status");

  private SpanAttributes() {}
}
