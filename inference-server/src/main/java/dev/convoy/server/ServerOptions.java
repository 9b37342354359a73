package dev.convoy.server;

import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.repository.ModelControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a server, validated once at start-up.
 *
 * @param port 0 for an ephemeral port
 * @param handlerThreads threads that run the calls that may block (repository load and unload,
 *     metadata, health); inference calls are handled on the network threads
 * @param shutdownGrace how long shutdown waits for in-flight requests before cancelling them
 * @param maxMessageBytes the largest request or response message accepted
 * @param maxInflightBytes the memory budget of the requests in flight (their estimated decoded
 *     size); a request that does not fit is refused with RESOURCE_EXHAUSTED
 * @param streamWindow requests each ModelStreamInfer stream keeps in flight; 0: automatic,
 *     {@code max(64, 2 x max_batch_size)} of the models the stream names
 * @param modelControl Triton's model control mode: {@code none} (the default) refuses
 *     RepositoryModelLoad/Unload; {@code explicit} takes them
 */
public record ServerOptions(Path modelRepository, String host, int port, int handlerThreads,
    Duration shutdownGrace, int maxMessageBytes, long maxInflightBytes, int streamWindow,
    ModelControl modelControl) {

  /** Options with model control off. */
  public ServerOptions(Path modelRepository, String host, int port, int handlerThreads, Duration shutdownGrace,
      int maxMessageBytes, long maxInflightBytes, int streamWindow) {
    this(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes, maxInflightBytes,
        streamWindow, ModelControl.none());
  }

  /** Options with the default memory budget and the automatic stream window. */
  public ServerOptions(Path modelRepository, String host, int port, int handlerThreads, Duration shutdownGrace,
      int maxMessageBytes) {
    this(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes,
        MemoryBudget.defaultLimitBytes(), 0);
  }

  public ServerOptions {
    Objects.requireNonNull(modelControl, "modelControl");
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
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("max message size must be >= 1 byte, got " + maxMessageBytes);
    }
    if (maxInflightBytes < 1) {
      throw new IllegalArgumentException("max in-flight bytes must be >= 1, got " + maxInflightBytes);
    }
  }

  /** Loopback, an ephemeral port and defaults sized to this machine: what tests want. */
  public static ServerOptions loopback(Path modelRepository) {
    return new ServerOptions(modelRepository, "127.0.0.1", 0, defaultHandlerThreads(),
        Duration.ofSeconds(10), 64 << 20, MemoryBudget.defaultLimitBytes(), 0);
  }

  public ServerOptions withPort(int newPort) {
    return new ServerOptions(modelRepository, host, newPort, handlerThreads, shutdownGrace, maxMessageBytes,
        maxInflightBytes, streamWindow, modelControl);
  }

  public ServerOptions withStreamWindow(int newStreamWindow) {
    return new ServerOptions(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes,
        maxInflightBytes, newStreamWindow, modelControl);
  }

  public ServerOptions withMaxInflightBytes(long bytes) {
    return new ServerOptions(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes, bytes,
        streamWindow, modelControl);
  }

  public ServerOptions withShutdownGrace(Duration grace) {
    return new ServerOptions(modelRepository, host, port, handlerThreads, grace, maxMessageBytes, maxInflightBytes,
        streamWindow, modelControl);
  }

  public ServerOptions withModelControl(ModelControl control) {
    return new ServerOptions(modelRepository, host, port, handlerThreads, shutdownGrace, maxMessageBytes,
        maxInflightBytes, streamWindow, control);
  }

  /**
   * The largest message accepted unless told otherwise: 64 MiB, or a quarter of the memory
   * budget where that is less, so a few concurrent maximal messages fit the heap.
   */
  static int defaultMaxMessageBytes(long maxInflightBytes) {
    return (int) Math.min(64L << 20, Math.max(1 << 20, maxInflightBytes / 4));
  }

  static int defaultHandlerThreads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }
}
