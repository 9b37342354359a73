package dev.convoy.server;

import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code convoy-server} command line. OpenTelemetry is configured by the standard
 * {@code OTEL_*} environment variables (see the module's README); metrics are served on
 * {@code --metrics-port}.
 */
@Command(name = "convoy-server", mixinStandardHelpOptions = true,
    description = "Serves a Triton-layout model repository over the Open Inference Protocol (gRPC).",
    footer = "%nTracing: set OTEL_EXPORTER_OTLP_ENDPOINT (and the other standard OTEL_* variables) to export spans.")
public final class Main implements Callable<Integer> {
  /** {@code service.name} unless OTEL_SERVICE_NAME says otherwise. */
  static final String SERVICE_NAME = "convoy-server";

  @Option(names = {"-m", "--model-repository"}, required = true, paramLabel = "DIR",
      description = "Model repository: <model>/config.pbtxt and <model>/<version>/model.onnx.")
  private Path modelRepository;

  @Option(names = {"-p", "--port"}, defaultValue = "8001", description = "gRPC port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default ${DEFAULT-VALUE}).")
  private String host;

  @Option(names = "--handler-threads", description = "Request handler threads (default: 2 per core, at least 4).")
  private Integer handlerThreads;

  @Option(names = "--shutdown-grace", defaultValue = "PT30S",
      description = "How long shutdown waits for in-flight requests, ISO-8601 (default ${DEFAULT-VALUE}).")
  private Duration shutdownGrace;

  @Option(names = "--max-message-mb",
      description = "Largest message accepted, in MiB (default: 64, or a quarter of --max-inflight-bytes if less).")
  private Integer maxMessageMb;

  @Option(names = "--max-inflight-bytes",
      description = "Memory budget of the requests in flight, bytes (default: a quarter of the maximum heap);"
          + " a request that does not fit is refused with RESOURCE_EXHAUSTED.")
  private Long maxInflightBytes;

  @Option(names = "--metrics-port", defaultValue = "8002",
      description = "Port of the Prometheus /metrics endpoint; 0 picks a free one, -1 serves none"
          + " (default ${DEFAULT-VALUE}).")
  private int metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    long budget = maxInflightBytes == null ? MemoryBudget.defaultLimitBytes() : maxInflightBytes;
    ServerOptions options = new ServerOptions(modelRepository, host, port,
        handlerThreads == null ? ServerOptions.defaultHandlerThreads() : handlerThreads,
        shutdownGrace, maxMessageMb == null ? ServerOptions.defaultMaxMessageBytes(budget) : maxMessageMb << 20,
        budget);
    Telemetry telemetry = Telemetry.configure(telemetrySettings());
    InferenceServer server;
    try {
      server = InferenceServer.start(options, new OnnxRuntimeBackend(System::nanoTime), Clock.systemUTC(),
          telemetry.openTelemetry());
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
    // The server drains first, then the telemetry flushes the spans of the last requests.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      telemetry.close();
    }, "convoy-shutdown"));
    server.awaitTermination();
    return 0;
  }

  private TelemetrySettings telemetrySettings() {
    TelemetrySettings settings = TelemetrySettings.forService(SERVICE_NAME);
    if (metricsPort < -1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--metrics-port must be -1 (none) or in 0..65535, got " + metricsPort);
    }
    return metricsPort == -1 ? settings : settings.withMetrics(host, metricsPort);
  }

  public static void main(String[] args) {
    // gRPC and Netty log through java.util.logging; send it to SLF4J with the rest.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
