package dev.convoy.loadtest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.grpc.StreamShape;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.InferenceMethods;
import dev.convoy.loadtest.grpc.UnknownMethodException;
import dev.convoy.loadtest.input.ShapeOverride;
import dev.convoy.loadtest.report.ReportFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ghz's flags, as far as they apply to Convoy; validated into {@link RunSettings}. */
@Command(
    name = "convoy-load",
    mixinStandardHelpOptions = true,
    version = "convoy-load 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Load-tests an Open Inference Protocol (KServe v2 / Triton) gRPC server, like ghz.",
      "Without -d/-D, --model NAME builds ModelInfer requests from the model's metadata."
    },
    footer = {
      "",
      "Examples:",
      "  convoy-load --insecure --model digits_mlp -n 2000 -c 16 localhost:8001",
      "  convoy-load --insecure --model digits_mlp --rows models/data/digits_test.csv \\",
      "      --rps 500 -z 30s --warmup 5s -O html -o report.html localhost:8001",
      "  convoy-load --insecure --call inference.GRPCInferenceService.ServerReady \\",
      "      -c 4 -z 10s localhost:8001",
      "  convoy-load --insecure --call inference.GRPCInferenceService/ModelInfer \\",
      "      -D request.json -m '{\"authorization\":\"Bearer t\"}' localhost:8001"
    })
public final class LoadTestCommand implements Callable<Integer> {

  static final String DEFAULT_CALL = "inference.GRPCInferenceService.ModelInfer";
  static final long DEFAULT_TOTAL = 200;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Server address.")
  String target;

  @Option(names = "--call", paramLabel = "METHOD", defaultValue = DEFAULT_CALL,
      description = "Fully-qualified method: package.Service.Method or package.Service/Method"
          + " (default: ${DEFAULT-VALUE}).")
  String call;

  @Option(names = {"-c", "--concurrency"}, paramLabel = "N", defaultValue = "50",
      description = "Number of workers running concurrently (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = {"-n", "--total"}, paramLabel = "N",
      description = "Number of requests to run (default: " + DEFAULT_TOTAL + "; ignored with -z).")
  Long total;

  @Option(names = {"-z", "--duration"}, converter = GoDurations.class, paramLabel = "DURATION",
      description = "Duration to send requests for, e.g. 10s, 1m. Overrides -n.")
  Duration duration;

  @Option(names = {"-r", "--rps"}, paramLabel = "RPS", defaultValue = "0",
      description = "Requests per second over all workers, open loop: latencies are also"
          + " reported from each call's intended send time. 0: no limit, closed loop.")
  double rps;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "1",
      description = "Number of connections the workers are spread over (default: 1).")
  int connections;

  @Option(names = "--engine", paramLabel = "raw|grpc",
      description = "Client for unary calls: raw (HTTP/2 frames on Netty, cheapest; plaintext"
          + " only) or grpc (grpc-java). Default: raw with --insecure, else grpc.")
  String engine;

  @Option(names = "--stream-call-count", paramLabel = "N", defaultValue = "0",
      description = "ModelStreamInfer: messages sent on a stream before it is closed and a new"
          + " one opened; 0 for no limit (default: ${DEFAULT-VALUE}).")
  long streamCallCount;

  @Option(names = "--stream-call-duration", converter = GoDurations.class,
      paramLabel = "DURATION", defaultValue = "0s",
      description = "ModelStreamInfer: how long a stream sends before it is closed and a new"
          + " one opened; 0 for no limit (default: ${DEFAULT-VALUE}).")
  Duration streamCallDuration;

  @Option(names = "--stream-interval", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "0s",
      description = "ModelStreamInfer: least time between two messages on a stream"
          + " (default: ${DEFAULT-VALUE}).")
  Duration streamInterval;

  @Option(names = "--stream-window", paramLabel = "N", defaultValue = "1",
      description = "ModelStreamInfer: messages in flight per stream; -c streams are open at"
          + " once (default: ${DEFAULT-VALUE}).")
  int streamWindow;

  @Option(names = {"-d", "--data"}, paramLabel = "JSON",
      description = "Request as JSON (protobuf JSON mapping); an array is cycled through."
          + " '@' reads it from standard input.")
  String data;

  @Option(names = {"-D", "--data-file"}, paramLabel = "FILE", description = "Request JSON file.")
  Path dataFile;

  @Option(names = {"-m", "--metadata"}, paramLabel = "JSON",
      description = "Request metadata (headers) as a JSON object of strings.")
  String metadata;

  @Option(names = {"-M", "--metadata-file"}, paramLabel = "FILE",
      description = "Request metadata JSON file.")
  Path metadataFile;

  @Option(names = "--insecure", description = "Plaintext connection (no TLS).")
  boolean insecure;

  @Option(names = "--cacert", paramLabel = "FILE", description = "PEM file of trusted CAs.")
  Path caCert;

  @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate PEM (mTLS).")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "Client key, PKCS#8 PEM (mTLS).")
  Path key;

  @Option(names = "--skipTLS", description = "Do not verify the server certificate.")
  boolean skipTls;

  @Option(names = "--cname", paramLabel = "NAME",
      description = "Server name to check the certificate against (and :authority).")
  String cname;

  @Option(names = {"-t", "--timeout"}, converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "20s", description = "Deadline of each call; 0 for none (default: 20s).")
  Duration timeout;

  @Option(names = "--connect-timeout", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "10s", description = "How long to wait for the connection (default: 10s).")
  Duration connectTimeout;

  @Option(names = "--skipFirst", paramLabel = "N", defaultValue = "0",
      description = "Leave the first N requests out of the results.")
  long skipFirst;

  @Option(names = "--warmup", converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "0", description = "Send requests for this long before measuring.")
  Duration warmup;

  @Option(names = {"-O", "--format"}, paramLabel = "FORMAT", defaultValue = "summary",
      description = "Report format: summary, json, pretty, csv, html (default: summary).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report here instead of standard output.")
  Path output;

  @Option(names = "--name", paramLabel = "NAME", description = "Name of the run, shown in reports.")
  String name;

  @Option(names = "--tags", paramLabel = "JSON",
      description = "Labels for the report, as a JSON object of strings.")
  String tags;

  @Option(names = "--model", paramLabel = "NAME",
      description = "Model to call. Without -d/-D, ModelInfer inputs come from its metadata.")
  String model;

  @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = "",
      description = "Model version (default: the server's choice).")
  String modelVersion;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1",
      description = "Rows per generated request, for a leading -1 dimension (default: 1).")
  int batchSize;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed for random input values (default: 1).")
  long seed;

  @Option(names = "--rows", paramLabel = "CSV",
      description = "Fill the first input from this CSV's rows (header line; 'label' columns"
          + " skipped) instead of random values.")
  Path rows;

  @Option(names = "--input-shape", paramLabel = "[NAME=]D1,D2,...",
      description = "Concrete shape for an input (the first if no name); repeatable.")
  List<String> inputShapes = new ArrayList<>();

  private final boolean interactive;
  private final boolean handleInterrupt;

  /**
   * @param interactive whether standard error is a terminal (draw a progress bar)
   * @param handleInterrupt whether Ctrl-C should end the run and still print the report
   */
  public LoadTestCommand(boolean interactive, boolean handleInterrupt) {
    this.interactive = interactive;
    this.handleInterrupt = handleInterrupt;
  }

  /** Runs a command line and returns the exit code: 0, 1 (run failed) or 2 (usage). */
  public static int execute(CommandLine commandLine, String... args) {
    commandLine.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage());
      e.getCommandLine().getErr().println("Try 'convoy-load --help' for the options.");
      return CommandLine.ExitCode.USAGE;
    });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    RunSettings settings = settings();
    try {
      return new LoadTest(settings, spec.commandLine().getOut(), spec.commandLine().getErr(),
          interactive, handleInterrupt).run();
    } catch (LoadTestException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** Checks the flags together; throws picocli's usage error naming the flag. */
  RunSettings settings() {
    checkPositive(concurrency, "-c/--concurrency");
    checkPositive(connections, "--connections");
    checkPositive(batchSize, "--batch-size");
    if (!(rps >= 0) || Double.isInfinite(rps)) {
      throw usage("--rps must be a number >= 0, got " + rps);
    }
    if (skipFirst < 0) {
      throw usage("--skipFirst must not be negative");
    }
    if (data != null && dataFile != null) {
      throw usage("give the request as -d/--data or -D/--data-file, not both");
    }
    if (metadata != null && metadataFile != null) {
      throw usage("give metadata as -m/--metadata or -M/--metadata-file, not both");
    }
    if ((rows != null || !inputShapes.isEmpty()) && model == null) {
      throw usage("--rows and --input-shape need --model NAME");
    }
    if ((rows != null || !inputShapes.isEmpty()) && (data != null || dataFile != null)) {
      throw usage("--rows and --input-shape generate requests; they cannot be used with -d/-D");
    }
    boolean stream;
    try {
      stream = InferenceMethods.isStream(InferenceMethods.resolve(call));
    } catch (UnknownMethodException e) {
      throw usage("--call: " + e.getMessage());
    }
    StreamShape shape = streamShape();
    LoadOptions load = loadOptions();
    if (stream) {
      load = new LoadOptions(shape.concurrency(), load.total(), load.duration(), load.rps(),
          load.warmup(), load.skipFirst(), load.recordDetails());
    }
    return new RunSettings(channel(), call, load, timeout, data, dataFile, metadata,
        metadataFile, model, modelVersion, batchSize, seed, rows, shapes(), reportFormat(),
        output, name, tagMap(), shape, engine(stream));
  }

  private Engine engine(boolean stream) {
    try {
      return Engine.choose(engine, insecure, stream);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private StreamShape streamShape() {
    checkPositive(streamWindow, "--stream-window");
    try {
      return new StreamShape(concurrency, streamWindow, streamCallCount, streamCallDuration,
          streamInterval);
    } catch (IllegalArgumentException e) {
      throw usage("--stream-call-count, --stream-call-duration and --stream-interval must not"
          + " be negative");
    }
  }

  private LoadOptions loadOptions() {
    boolean timed = duration != null && !duration.isZero();
    long n = timed ? 0 : (total == null ? DEFAULT_TOTAL : total);
    if (!timed && n < 1) {
      throw usage("-n/--total must be at least 1 (or give -z/--duration)");
    }
    // ghz refuses c > n; running n calls on n workers is what such a user wants.
    int workers = n > 0 ? (int) Math.min(concurrency, n) : concurrency;
    return new LoadOptions(workers, n, timed ? duration : Duration.ZERO, rps, warmup, skipFirst,
        reportFormat().needsDetails());
  }

  private ChannelSettings channel() {
    try {
      ChannelSettings.HostAndPort address = ChannelSettings.parseTarget(target);
      return new ChannelSettings(address.host(), address.port(), insecure, caCert, cert, key,
          skipTls, cname, connectTimeout, connections);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ReportFormat reportFormat() {
    try {
      return ReportFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw usage("-O/--format: " + e.getMessage());
    }
  }

  private List<ShapeOverride> shapes() {
    List<ShapeOverride> shapes = new ArrayList<>();
    for (String text : inputShapes) {
      try {
        shapes.add(ShapeOverride.parse(text));
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    }
    return shapes;
  }

  private Map<String, String> tagMap() {
    Map<String, String> map = new LinkedHashMap<>();
    if (tags == null || tags.isBlank()) {
      return map;
    }
    try {
      JsonElement element = JsonParser.parseString(tags);
      if (!element.isJsonObject()) {
        throw usage("--tags must be a JSON object, e.g. {\"env\":\"staging\"}");
      }
      for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
        JsonElement v = e.getValue();
        map.put(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v.toString());
      }
      return map;
    } catch (JsonParseException e) {
      throw usage("--tags is not valid JSON: " + e.getMessage());
    }
  }

  private void checkPositive(long value, String option) {
    if (value < 1) {
      throw usage(option + " must be at least 1, got " + value);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
