package dev.convoy.loadtest;

import dev.convoy.loadtest.engine.LoadOptions;
import dev.convoy.loadtest.grpc.ChannelSettings;
import dev.convoy.loadtest.grpc.MethodName;
import dev.convoy.loadtest.grpc.StreamShape;
import dev.convoy.loadtest.report.ReportFormat;
import dev.convoy.loadtest.schema.MethodSchemas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ghz's command line: its flags, names, defaults and checks, plus Convoy's own flags (marked
 * {@code [Convoy]} in the help), validated into {@link RunSettings}.
 */
@Command(
    name = "convoy-load",
    version = "convoy-load 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Load-tests a gRPC server, like ghz: any method from --proto, --protoset or server",
      "reflection; Convoy's inference service needs none of them.",
      "Without -d/-D, --model NAME builds ModelInfer requests from the model's metadata."
    },
    footer = {
      "",
      "Examples:",
      "  convoy-load --insecure --model digits_mlp -n 2000 -c 16 localhost:8001",
      "  convoy-load --insecure --proto greeter.proto --call helloworld.Greeter.SayHello \\",
      "      -d '{\"name\":\"{{.RequestNumber}}\"}' -z 10s localhost:50051",
      "  convoy-load --config run.toml localhost:8001"
    })
public final class LoadTestCommand implements Callable<Integer> {

  static final String DEFAULT_CALL = "inference.GRPCInferenceService.ModelInfer";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT",
      description = "Host and port to test.")
  String target;

  @Option(names = ConfigFile.HOST_OPTION, hidden = true,
      description = "The target, from a config file's host key.")
  String configHost;

  @Option(names = "--config", paramLabel = "PATH", description = "Path to the JSON or TOML"
      + " config file that specifies all the test run settings.")
  Path config;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show context-sensitive"
      + " help.")
  boolean help;

  @Option(names = {"-v", "--version"}, versionHelp = true,
      description = "Show application version.")
  boolean version;

  @Option(names = {"-t", "--timeout"}, converter = GoDurations.class, paramLabel = "DURATION",
      defaultValue = "20s", description = "Timeout for each request. Default is 20s, use 0"
          + " for infinite.")
  Duration timeout;

  @Mixin DataFlags data = new DataFlags();
  @Mixin LoadFlags load = new LoadFlags();
  @Mixin ConnectionFlags connection = new ConnectionFlags();
  @Mixin OutputFlags output = new OutputFlags();
  @Mixin ConvoyFlags convoy = new ConvoyFlags();
  @Mixin SweepFlags sweep = new SweepFlags();

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

  /**
   * Runs a command line and returns the exit code: 0, 1 (run failed) or 2 (usage). A
   * {@code --config} file's settings go first, so the command line's own flags win.
   */
  public static int execute(CommandLine commandLine, String... args) {
    commandLine.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("error: " + e.getMessage());
      e.getCommandLine().getErr().println("Try 'convoy-load --help' for the options.");
      return CommandLine.ExitCode.USAGE;
    });
    commandLine.setOverwrittenOptionsAllowed(true);
    Path configPath = configPath(args);
    if (configPath == null) {
      return commandLine.execute(args);
    }
    List<String> all = new ArrayList<>();
    try {
      all.addAll(ConfigFile.arguments(configPath, commandLine.getCommandSpec()));
    } catch (IllegalArgumentException e) {
      commandLine.getErr().println("error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    all.addAll(List.of(args));
    return commandLine.execute(all.toArray(String[]::new));
  }

  /** The {@code --config} argument, read before parsing (its settings come first). */
  private static Path configPath(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    return null;
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
    try {
      return checkedSettings();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private RunSettings checkedSettings() {
    String host = target != null ? target : configHost;
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host required: give HOST:PORT (or \"host\" in the"
          + " config file)");
    }
    String call = data.call != null ? data.call.trim() : DEFAULT_CALL;
    MethodName method = MethodName.parse(call);
    if (data.proto == null && data.protoset == null) {
      MethodSchemas.checkBuiltIn(method);
    }
    data.check();
    convoy.check(data.hasData());
    ReportFormat format = output.reportFormat();
    LoadOptions options = load.options(convoy.warmup, format.needsDetails());
    boolean stream = method.isModelStreamInfer();
    StreamShape shape = new StreamShape(options.concurrency(), convoy.streamWindow,
        data.streamCallCount, data.streamCallDuration, data.streamInterval);
    if (stream) {
      options = new LoadOptions(shape.concurrency(), options.total(), options.duration(),
          options.rps(), options.warmup(), options.skipFirst(), options.recordDetails(),
          options.rateRamp(), options.concurrencyRamp(), options.async(), options.countErrors(),
          options.durationStop());
    }
    ChannelSettings channel = connection.settings(host, load.concurrency);
    Engine engine = Engine.choose(convoy.engine, channel.insecure(), whyGrpc(stream, channel));
    return new RunSettings(channel, call, method, data.proto, data.protoset,
        data.importPathList(), OutputFlags.stringMap(data.reflectMetadata, "reflection metadata"),
        options, timeout, data.data, data.dataFile, data.binary, data.binaryFile, data.metadata,
        data.metadataFile, templateMode(), data.streamDynamicMessages, convoy.model,
        convoy.modelVersion, convoy.batchSize, convoy.seed, convoy.rows, convoy.shapes(), format,
        output.output, output.name, output.tagMap(), output.debug, shape, engine,
        convoy.engine != null, convoy.protoc, sweep.settings(), GhzOptions.of(this, channel, call),
        GhzOptions.convoy(this, engine));
  }

  private TemplateMode templateMode() {
    if (data.disableTemplateData) {
      return TemplateMode.OFF;
    }
    return data.disableTemplateFunctions ? TemplateMode.DATA_ONLY : TemplateMode.FULL;
  }

  /** Why the run needs grpc-java's client, or null when the raw engine can make its calls. */
  private String whyGrpc(boolean stream, ChannelSettings channel) {
    if (stream) {
      return "streams";
    }
    if (channel.tuning().needsGrpcClient()) {
      return "--keepalive, --lb-strategy, message size limits and compression";
    }
    return null;
  }
}
