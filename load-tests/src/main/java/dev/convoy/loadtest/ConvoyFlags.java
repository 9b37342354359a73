package dev.convoy.loadtest;

import dev.convoy.loadtest.input.ShapeOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Convoy's flags that ghz has not: model-driven requests, the engine, warm-up, the stream
 * window. Reported under the JSON report's {@code convoy} key, never in ghz's {@code options}.
 */
final class ConvoyFlags {

  @Option(names = "--engine", paramLabel = "raw|grpc",
      description = "[Convoy] Client for unary calls: raw (HTTP/2 frames on Netty, cheapest;"
          + " plaintext only) or grpc (grpc-java). Default: raw where it can make the calls.")
  String engine;

  @Option(names = "--protoc", paramLabel = "PATH", defaultValue = "protoc",
      description = "[Convoy] The protoc that compiles --proto files (default: protoc on the"
          + " PATH).")
  String protoc;

  @Option(names = "--warmup", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "0", description = "[Convoy] Send requests for this long before"
          + " measuring.")
  Duration warmup;

  @Option(names = "--stream-window", paramLabel = "N", defaultValue = "1",
      description = "[Convoy] ModelStreamInfer: messages in flight per stream"
          + " (default: ${DEFAULT-VALUE}).")
  int streamWindow;

  @Option(names = "--model", paramLabel = "NAME", description = "[Convoy] Model to call."
      + " Without -d/-D, ModelInfer inputs come from its metadata.")
  String model;

  @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = "",
      description = "[Convoy] Model version (default: the server's choice).")
  String modelVersion;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1",
      description = "[Convoy] Rows per generated request, for a leading -1 dimension"
          + " (default: 1).")
  int batchSize;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "[Convoy] Seed for random input values (default: 1).")
  long seed;

  @Option(names = "--rows", paramLabel = "CSV", description = "[Convoy] Fill the first input"
      + " from this CSV's rows (header line; 'label' columns skipped).")
  Path rows;

  @Option(names = "--input-shape", paramLabel = "[NAME=]D1,D2,...",
      description = "[Convoy] Concrete shape for an input (the first if no name); repeatable.")
  List<String> inputShapes = new ArrayList<>();

  List<ShapeOverride> shapes() {
    List<ShapeOverride> shapes = new ArrayList<>();
    for (String text : inputShapes) {
      shapes.add(ShapeOverride.parse(text));
    }
    return shapes;
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  void check(boolean hasData) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1");
    }
    if (streamWindow < 1) {
      throw new IllegalArgumentException("--stream-window must be at least 1");
    }
    if ((rows != null || !inputShapes.isEmpty()) && model == null) {
      throw new IllegalArgumentException("--rows and --input-shape need --model NAME");
    }
    if ((rows != null || !inputShapes.isEmpty()) && hasData) {
      throw new IllegalArgumentException(
          "--rows and --input-shape generate requests; they cannot be used with -d/-D/-b/-B");
    }
  }
}
