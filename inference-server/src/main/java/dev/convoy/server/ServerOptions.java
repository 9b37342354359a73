package dev.convoy.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a server, validated once at start-up.
 *
 * @param port 0 for an ephemeral port
 * @param handlerThreads threads that run request handlers (and with them, model executions)
 * @param shutdownGrace how long shutdown waits for in-flight requests before cancelling them
 * @param maxMessageBytes the largest request or response message accepted
 * @param streamWindow requests each ModelStreamInfer stream keeps in flight; 0: automatic,
 *     {@code max(64, 2 x max_batch_size)} of the models the stream names
 */
public record ServerOptions(Path modelRepository, String host, int port, int handlerThreads,
    Duration shutdownGrace, int maxMessageBytes, int streamWindow) {

  /** Options with the automatic stream window. */
  public ServerOptions(Path modelRepository, String host, int port, int handlerThreads, Duration shutdownGrace,
      int maxMessageBytes) {
    this(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes, 0);
  }

  public ServerOptions {
    if (streamWindow < 0) {
      throw new IllegalArgumentException("stream window must be >= 0 (0: automatic), got " + streamWindow);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
    if (handlerThreads < 1) {
      throw new IllegalArgumentException("handler threads must be >= 1, got " + handlerThreads);
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdown grace must not be negative");
    }
  }

  /** Loopback, an ephemeral port and defaults sized to this machine: what tests want. */
  public static ServerOptions loopback(Path modelRepository) {
    return new ServerOptions(modelRepository, "127.0.0.1", 0, defaultHandlerThreads(),
        Duration.ofSeconds(10), 64 << 20);
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(modelRepository, host, newPort, handlerThreads, shutdownGrace, maxMessageBytes,
        streamWindow);
  }

  public ServerOptions withStreamWindow(int newStreamWindow) {
    return new ServerOptions(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes,
        newStreamWindow);
  }

  static int defaultHandlerThreads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
