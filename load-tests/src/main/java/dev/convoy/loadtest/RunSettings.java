package dev.convoy.loadtest;

import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.StreamShape;
import dev.convoy.loadtest.input.ShapeOverride;
import dev.convoy.loadtest.report.ReportFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a command line asked for, checked for consistency; files are read later.
 *
 * @param call the {@code --call} text
 * @param data inline request JSON ({@code -d}), or null
 * @param dataFile request JSON file ({@code -D}), or null
 * @param metadata header JSON ({@code -m}), or null
 * @param metadataFile header JSON file ({@code -M}), or null
 * @param model model whose metadata drives request generation, or null
 * @param modelVersion version to ask for; empty for the server's default
 * @param rows CSV rows for the first input, or null for random values
 * @param output report file, or null for standard output
 * @param stream how ModelStreamInfer uses its streams; ignored for a unary call
 * @param engine the client that makes unary calls
 */
record RunSettings(
    ChannelSettings channel,
    String call,
    LoadOptions load,
    Duration timeout,
    String data,
    Path dataFile,
    String metadata,
    Path metadataFile,
    String model,
    String modelVersion,
    int batchSize,
    long seed,
    Path rows,
    List<ShapeOverride> inputShapes,
    ReportFormat format,
    Path output,
    String name,
    Map<String, String> tags,
    StreamShape stream,
    Engine engine) {

  RunSettings {
    inputShapes = List.copyOf(inputShapes);
    tags = Map.copyOf(tags);
  }

  boolean hasData() {
    return data != null || dataFile != null;
  }
}
