package dev.convoy.loadtest.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * How a streaming run uses its streams, as ghz's streaming flags say, plus the window.
 *
 * @param streams streams open at once (ghz's {@code -c} for a streaming call)
 * @param window messages in flight per stream: the next is sent without waiting for the
 *     answers to the previous ones, up to this many
 * @param callCount messages sent on a stream before it is half-closed and a new one opened
 *     (ghz's {@code --stream-call-count}); 0 for no limit
 * @param callDuration how long a stream sends before it is half-closed and a new one opened
 *     (ghz's {@code --stream-call-duration}); zero for no limit
 * @param interval the least time between two sends on one stream (ghz's
 *     {@code --stream-interval}); zero to send as soon as the window allows
 */
public record StreamShape(
    int streams, int window, long callCount, Duration callDuration, Duration interval) {

  public StreamShape {
    Objects.requireNonNull(callDuration, "callDuration");
    Objects.requireNonNull(interval, "interval");
    if (streams < 1 || window < 1) {
      throw new IllegalArgumentException("streams and window must be at least 1");
    }
    if (callCount < 0 || callDuration.isNegative() || interval.isNegative()) {
      throw new IllegalArgumentException(
          "stream call count, call duration and interval must not be negative");
    }
  }

  /** {@code streams} long-lived streams with {@code window} messages in flight on each. */
  public static StreamShape windowed(int streams, int window) {
    return new StreamShape(streams, window, 0, Duration.ZERO, Duration.ZERO);
  }

  /** Messages in flight over all streams: the engine's concurrency. */
  public int concurrency() {
    return Math.multiplyExact(streams, window);
  }
}
