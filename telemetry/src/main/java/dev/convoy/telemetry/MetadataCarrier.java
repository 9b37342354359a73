package dev.convoy.telemetry;

import io.grpc.Metadata;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** gRPC metadata as the carrier of W3C trace context: ASCII headers read and written by name. */
enum MetadataCarrier implements TextMapGetter<Metadata>, TextMapSetter<Metadata> {
  INSTANCE;

  /** The few header names propagators use (traceparent, tracestate, baggage), as keys made once. */
  private static final ConcurrentMap<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

  @Override
  public Iterable<String> keys(Metadata carrier) {
    return carrier.keys();
  }

  @Override
  public String get(Metadata carrier, String key) {
    if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      return null;
    }
    return carrier.get(key(key));
  }

  @Override
  public void set(Metadata carrier, String key, String value) {
    if (carrier != null) {
      Metadata.Key<String> name = key(key);
      carrier.removeAll(name);
      carrier.put(name, value);
    }
  }

  private static Metadata.Key<String> key(String name) {
    return KEYS.computeIfAbsent(name, n -> Metadata.Key.of(n, Metadata.ASCII_STRING_MARSHALLER));
  }
}
