package dev.convoy.server.grpc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ModelStreamInfer streams open on a server, so that shutdown can tell each to go. A
 * stream opened after {@link #drain} is drained at once. Thread-safe.
 */
final class OpenStreams {
  private final Set<StreamInferCall> open = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  StreamInferCall open(StreamInferCall stream) {
    open.add(stream);
    if (draining) {
      stream.drain();
    }
    return stream;
  }

  void closed(StreamInferCall stream) {
    open.remove(stream);
  }

  /** Ends every idle stream now and every busy one after its answer in progress. */
  void drain() {
    draining = true;
    List.copyOf(open).forEach(StreamInferCall::drain);
  }

  int size() {
    return open.size();
  }
}
