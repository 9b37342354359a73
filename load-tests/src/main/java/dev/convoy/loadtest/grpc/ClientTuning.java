package dev.convoy.loadtest.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * ghz's client settings beyond the address and TLS.
 *
 * @param keepalive ping interval and ping timeout, as ghz sets both ({@code --keepalive});
 *     zero for none (grpc-java raises anything under 10 s to 10 s)
 * @param maxRecvBytes largest answer accepted ({@code --max-recv-message-size}); 0 for
 *     Convoy's default of 256 MiB (inference answers can be large)
 * @param maxSendBytes largest request sent ({@code --max-send-message-size}); 0 for no limit
 * @param gzip whether requests are gzip-compressed ({@code -e/--enable-compression})
 * @param lbStrategy the load-balancing policy over the addresses the name resolves to
 *     ({@code --lb-strategy}, e.g. {@code round_robin}), or null for grpc's default
 * @param eventLoopThreads threads of the client's network event loop ({@code --cpus})
 */
public record ClientTuning(
    Duration keepalive,
    long maxRecvBytes,
    long maxSendBytes,
    boolean gzip,
    String lbStrategy,
    int eventLoopThreads) {

  public ClientTuning {
    Objects.requireNonNull(keepalive, "keepalive");
    if (maxRecvBytes < 0 || maxSendBytes < 0) {
      throw new IllegalArgumentException("message sizes must not be negative");
    }
    if (eventLoopThreads < 1) {
      throw new IllegalArgumentException("--cpus must be at least 1, got " + eventLoopThreads);
    }
  }

  /** grpc's defaults, one event-loop thread per core. */
  public static ClientTuning defaults() {
    return new ClientTuning(Duration.ZERO, 0, 0, false, null,
        Runtime.getRuntime().availableProcessors());
  }

  /** Whether a setting only grpc-java's client implements is in use. */
  public boolean needsGrpcClient() {
    return !keepalive.isZero() || maxRecvBytes > 0 || maxSendBytes > 0 || gzip
        || lbStrategy != null;
  }
}
