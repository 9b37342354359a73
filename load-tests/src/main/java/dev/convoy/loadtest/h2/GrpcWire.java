package dev.convoy.loadtest.h2;

import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** gRPC over HTTP/2 as the raw engine writes and reads it (the gRPC HTTP/2 protocol spec). */
final class GrpcWire {

  /** The 5-byte prefix of a length-prefixed message: a compression flag and the length. */
  static final int MESSAGE_PREFIX_BYTES = 5;
  /** grpc-timeout allows at most 8 digits before its unit. */
  private static final long MAX_TIMEOUT_VALUE = 99_999_999L;
  private static final char[] TIMEOUT_UNITS = {'n', 'u', 'm', 'S', 'M', 'H'};
  private static final long[] TIMEOUT_UNIT_NANOS =
      {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L};

  private GrpcWire() {}

  /** An uncompressed gRPC length-prefixed message. */
  static byte[] frame(byte[] message) {
    return ByteBuffer.allocate(MESSAGE_PREFIX_BYTES + message.length)
        .put((byte) 0).putInt(message.length).put(message).array();
  }

  /**
   * The request headers of every call of a run: the pseudo-headers, the gRPC ones, the run's
   * metadata ({@code -bin} values base64-encoded) and, for a positive timeout, grpc-timeout.
   */
  static Http2Headers requestHeaders(
      String authority, String fullMethodName, Metadata metadata, long timeoutNanos) {
    Http2Headers headers = new DefaultHttp2Headers(false)
        .method("POST")
        .scheme("http")
        .path("/" + fullMethodName)
        .authority(authority)
        .add("content-type", "application/grpc")
        .add("te", "trailers");
    for (String name : metadata.keys()) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))) {
          headers.add(name, Base64.getEncoder().withoutPadding().encodeToString(value));
        }
      } else {
        for (String value : metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))) {
          headers.add(name, value);
        }
      }
    }
    if (timeoutNanos > 0) {
      headers.add("grpc-timeout", timeout(timeoutNanos));
    }
    return headers;
  }

  /** grpc-timeout's text: the finest unit whose value fits in 8 digits, rounded up. */
  static String timeout(long nanos) {
    for (int i = 0; i < TIMEOUT_UNITS.length; i++) {
      long value = (nanos + TIMEOUT_UNIT_NANOS[i] - 1) / TIMEOUT_UNIT_NANOS[i];
      if (value <= MAX_TIMEOUT_VALUE) {
        return value + String.valueOf(TIMEOUT_UNITS[i]);
      }
    }
    return MAX_TIMEOUT_VALUE + "H";
  }

  /**
   * The status a response ends with: grpc-status and grpc-message from its trailers (or
   * trailers-only headers), or, without grpc-status, the HTTP status mapped as the spec says.
   */
  static Status status(Http2Headers trailers, int httpStatus) {
    CharSequence code = trailers.get("grpc-status");
    if (code == null) {
      return fromHttpStatus(httpStatus)
          .withDescription("no grpc-status in the response (HTTP status " + httpStatus + ")");
    }
    Status status;
    try {
      status = Status.fromCodeValue(Integer.parseInt(code.toString()));
    } catch (NumberFormatException e) {
      return Status.UNKNOWN.withDescription("malformed grpc-status: " + code);
    }
    CharSequence message = trailers.get("grpc-message");
    return message == null ? status : status.withDescription(percentDecoded(message));
  }

  /** The HTTP status of a response's headers, or 0 when there is none. */
  static int httpStatus(Http2Headers headers) {
    CharSequence text = headers.status();
    if (text == null) {
      return 0;
    }
    try {
      return Integer.parseInt(text.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The spec's mapping of an HTTP status to a gRPC code, for answers without grpc-status. */
  static Status fromHttpStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> Status.INTERNAL;
      case 401 -> Status.UNAUTHENTICATED;
      case 403 -> Status.PERMISSION_DENIED;
      case 404 -> Status.UNIMPLEMENTED;
      case 429, 502, 503, 504 -> Status.UNAVAILABLE;
      default -> Status.UNKNOWN;
    };
  }

  /** grpc-message is percent-encoded UTF-8; a malformed escape is kept as it is. */
  static String percentDecoded(CharSequence text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (c == '%' && lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
