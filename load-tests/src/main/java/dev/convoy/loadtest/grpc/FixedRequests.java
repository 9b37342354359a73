package dev.convoy.loadtest.grpc;

import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.List;

/** Requests serialised once and cycled through by call index, with fixed headers. */
final class FixedRequests implements RequestSource {

  private final byte[][] bodies;
  private final Metadata headers;

  FixedRequests(byte[][] bodies, Metadata headers) {
    this.bodies = bodies;
    this.headers = headers;
  }

  @Override
  public byte[] body(int slot, long index) {
    return bodies[(int) Math.floorMod(index, (long) bodies.length)];
  }

  @Override
  public List<byte[]> messages(int slot, long index, long count) {
    long n = count > 0 ? count : bodies.length;
    List<byte[]> messages = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      messages.add(bodies[(int) (i % bodies.length)]);
    }
    return messages;
  }

  @Override
  public Metadata headers(int slot, long index) {
    // start() takes ownership of the headers it is given: each call gets its own copy.
    Metadata copy = new Metadata();
    copy.merge(headers);
    return copy;
  }
}
