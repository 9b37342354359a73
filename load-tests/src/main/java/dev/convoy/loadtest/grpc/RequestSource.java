package dev.convoy.loadtest.grpc;

import com.google.protobuf.MessageLite;
import io.grpc.Metadata;
import java.util.List;

/**
 * What each call sends: its serialised request (or, for a stream, its messages) and its
 * headers. Fixed requests are serialised once; call-data templates render per call.
 */
public interface RequestSource {

  /** The request call {@code index} sends from {@code slot}. */
  byte[] body(int slot, long index);

  /**
   * The messages stream call {@code index} sends, in order; {@code count} of them when
   * positive (cycling through the data), else one per data element.
   */
  List<byte[]> messages(int slot, long index, long count);

  /** The headers of call {@code index}; a copy the call may own. */
  Metadata headers(int slot, long index);

  /** Requests sent round-robin by call index, the same headers on every call. */
  static RequestSource fixed(List<? extends MessageLite> requests, Metadata headers) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("need at least one request");
    }
    byte[][] bodies = requests.stream().map(MessageLite::toByteArray).toArray(byte[][]::new);
    return new FixedRequests(bodies, headers);
  }
}
