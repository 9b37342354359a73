package dev.convoy.loadtest;

import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.MethodName;
import dev.convoy.loadtest.grpc.StreamShape;
import dev.convoy.loadtest.input.ShapeOverride;
import dev.convoy.loadtest.report.ReportFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a command line asked for, checked for consistency; files are read later.
 *
 * @param call the {@code --call} text
 * @param method {@code call}, parsed
 * @param proto {@code --proto} file, or null
 * @param protoset {@code --protoset} file, or null
 * @param importPaths {@code -i} directories for {@code proto}
 * @param reflectMetadata headers sent with reflection requests only
 * @param data inline request JSON ({@code -d}), or null
 * @param dataFile request JSON file ({@code -D}), or null
 * @param binary whether binary request data comes on standard input ({@code -b})
 * @param binaryFile binary request data file ({@code -B}), or null
 * @param metadata header JSON ({@code -m}), or null
 * @param metadataFile header JSON file ({@code -M}), or null
 * @param templates how call-data templates in data and metadata are applied
 * @param streamDynamicMessages whether templates are applied to every message of a stream
 * @param model model whose metadata drives request generation, or null
 * @param modelVersion version to ask for; empty for the server's default
 * @param rows CSV rows for the first input, or null for random values
 * @param output report file, or null for standard output
 * @param debug debug log file, or null
 * @param stream how ModelStreamInfer uses its streams, and ghz's stream flags
 * @param engine the client that makes unary calls
 * @param engineChosen whether {@code --engine} named it (else it was the default)
 * @param protoc the protoc executable for {@code --proto}
 * @param sweep a perf_analyzer sweep instead of one run, or null
 * @param ghzOptions the report's {@code options}: ghz's keys only, as ghz writes them
 * @param convoyOptions Convoy's own settings, reported under {@code convoy.options}
 */
record RunSettings(
    ChannelSettings channel,
    String call,
    MethodName method,
    String proto,
    String protoset,
    List<String> importPaths,
    Map<String, String> reflectMetadata,
    LoadOptions load,
    Duration timeout,
    String data,
    Path dataFile,
    boolean binary,
    Path binaryFile,
    String metadata,
    Path metadataFile,
    TemplateMode templates,
    boolean streamDynamicMessages,
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
    Path debug,
    StreamShape stream,
    Engine engine,
    boolean engineChosen,
    String protoc,
    SweepSettings sweep,
    Map<String, Object> ghzOptions,
    Map<String, Object> convoyOptions) {

  RunSettings {
    importPaths = List.copyOf(importPaths);
    reflectMetadata = Map.copyOf(reflectMetadata);
    inputShapes = List.copyOf(inputShapes);
    tags = new LinkedHashMap<>(tags);
    ghzOptions = new LinkedHashMap<>(ghzOptions);
    convoyOptions = new LinkedHashMap<>(convoyOptions);
  }

  /** Whether request data was given (JSON or binary). */
  boolean hasData() {
    return data != null || dataFile != null || binary || binaryFile != null;
  }

  /** Whether request data is JSON ({@code -d}/{@code -D}). */
  boolean hasJsonData() {
    return data != null || dataFile != null;
  }
}
