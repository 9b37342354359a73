package dev.convoy.router.proxy;

import io.grpc.Metadata;
import java.util.Locale;
import java.util.Set;

/**
 * The headers and trailers that pass through the router: application metadata (including
 * binary {@code -bin} keys and W3C {@code traceparent}), but none of the transport's own
 * ({@code grpc-*} other than {@code grpc-trace-bin}, pseudo-headers, {@code content-type},
 * {@code te}, {@code user-agent}, ...), which gRPC sets again on each hop.
 */
public final class ForwardedHeaders {
  private static final Set<String> HOP_BY_HOP = Set.of("content-type", "te", "user-agent", "host", "connection",
      "accept-encoding", "content-length", "transfer-encoding", "keep-alive", "upgrade");

  private ForwardedHeaders() {}

  /** A fresh copy of the keys that pass through; the source is not changed. */
  public static Metadata copy(Metadata source) {
    Metadata copy = new Metadata();
    if (source == null) {
      return copy;
    }
    for (String name : source.keys()) {
      if (!passes(name)) {
        continue;
      }
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Metadata.Key<byte[]> key = Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER);
        source.getAll(key).forEach(value -> copy.put(key, value));
      } else {
        Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
        source.getAll(key).forEach(value -> copy.put(key, value));
      }
    }
    return copy;
  }

  static boolean passes(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith(":") || HOP_BY_HOP.contains(lower)) {
      return false;
    }
    return !lower.startsWith("grpc-") || lower.equals("grpc-trace-bin");
  }
}
