package dev.convoy.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** ghz's flags for what is called and what is sent: method, schema, data, metadata, streams. */
final class DataFlags {

  @Option(names = "--call", paramLabel = "METHOD", description = "A fully-qualified method"
      + " name in 'package.Service/method' or 'package.Service.Method' format (default:"
      + " inference.GRPCInferenceService.ModelInfer).")
  String call;

  @Option(names = "--proto", paramLabel = "FILE", description = "The Protocol Buffer .proto"
      + " file (compiled with protoc from the PATH).")
  String proto;

  @Option(names = "--protoset", paramLabel = "FILE", description = "The compiled protoset"
      + " file. Alternative to proto. --proto takes precedence.")
  String protoset;

  @Option(names = {"-i", "--import-paths"}, paramLabel = "PATHS", description = "Comma"
      + " separated list of proto import paths. The current working directory and the"
      + " directory of the protocol buffer file are automatically added to the import list.")
  String importPaths;

  @Option(names = "--reflect-metadata", paramLabel = "JSON", description = "Reflect metadata"
      + " as stringified JSON used only for reflection request.")
  String reflectMetadata;

  @Option(names = {"-d", "--data"}, paramLabel = "JSON", description = "The call data as"
      + " stringified JSON. If the value is '@' then the request contents are read from"
      + " stdin.")
  String data;

  @Option(names = {"-D", "--data-file"}, paramLabel = "PATH",
      description = "File path for call data JSON file.")
  Path dataFile;

  @Option(names = {"-b", "--binary"}, arity = "0..1", fallbackValue = "true",
      description = "The call data comes as serialized binary message or multiple"
          + " count-prefixed messages read from stdin.")
  boolean binary;

  @Option(names = {"-B", "--binary-file"}, paramLabel = "PATH", description = "File path for"
      + " the call data as serialized binary message or multiple count-prefixed messages.")
  Path binaryFile;

  @Option(names = {"-m", "--metadata"}, paramLabel = "JSON",
      description = "Request metadata as stringified JSON.")
  String metadata;

  @Option(names = {"-M", "--metadata-file"}, paramLabel = "PATH",
      description = "File path for call metadata JSON file.")
  Path metadataFile;

  @Option(names = "--stream-interval", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "0", description = "Interval for stream requests between message sends.")
  Duration streamInterval;

  @Option(names = "--stream-call-duration", converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0", description = "Duration after which client"
          + " will close the stream in each streaming call.")
  Duration streamCallDuration;

  @Option(names = "--stream-call-count", paramLabel = "N", defaultValue = "0",
      description = "Count of messages sent, after which client will close the stream in"
          + " each streaming call.")
  long streamCallCount;

  @Option(names = "--stream-dynamic-messages", arity = "0..1", fallbackValue = "true",
      description = "In streaming calls, regenerate and apply call template data on every"
          + " message send.")
  boolean streamDynamicMessages;

  @Option(names = "--disable-template-functions", arity = "0..1", fallbackValue = "true",
      description = "Do not use and execute any template functions in call template data.")
  boolean disableTemplateFunctions;

  @Option(names = "--disable-template-data", arity = "0..1", fallbackValue = "true",
      description = "Do not use and execute any call template data.")
  boolean disableTemplateData;

  List<String> importPathList() {
    if (importPaths == null || importPaths.isBlank()) {
      return List.of();
    }
    return Arrays.stream(importPaths.trim().split(",")).map(String::trim)
        .filter(p -> !p.isEmpty()).toList();
  }

  /**
   * ghz's checks on the data flags.
   *
   * @throws IllegalArgumentException naming the flags
   */
  void check() {
    if (data != null && dataFile != null) {
      throw new IllegalArgumentException(
          "give the request as -d/--data or -D/--data-file, not both");
    }
    if ((binary || binaryFile != null) && (data != null || dataFile != null)) {
      throw new IllegalArgumentException("give the request as JSON (-d/-D) or binary (-b/-B),"
          + " not both");
    }
    if (binary && binaryFile != null) {
      throw new IllegalArgumentException("give binary data as -b (stdin) or -B FILE, not both");
    }
    if ((binary || binaryFile != null) && streamDynamicMessages) {
      throw new IllegalArgumentException("cannot use dynamic messages with binary data");
    }
    if (metadata != null && metadataFile != null) {
      throw new IllegalArgumentException(
          "give metadata as -m/--metadata or -M/--metadata-file, not both");
    }
    if (proto != null && !proto.endsWith(".proto")) {
      throw new IllegalArgumentException("proto: must have .proto extension");
    }
    if (streamCallCount < 0 || streamCallDuration.isNegative() || streamInterval.isNegative()) {
      throw new IllegalArgumentException("--stream-call-count, --stream-call-duration and"
          + " --stream-interval must not be negative");
    }
  }

  boolean hasData() {
    return data != null || dataFile != null || binary || binaryFile != null;
  }
}
