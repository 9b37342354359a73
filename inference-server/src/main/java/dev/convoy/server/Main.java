package dev.convoy.server;

import dev.convoy.server.backend.ModelBackend;
import dev.convoy.server.backend.PlatformBackends;
import dev.convoy.server.admission.MemoryBudget;
import dev.convoy.server.backend.onnx.OnnxRuntimeBackend;
import dev.convoy.server.backend.pytorch.PyTorchBackend;
import dev.convoy.server.backend.pytorch.PyTorchSettings;
import dev.convoy.server.cache.CacheConfig;
import dev.convoy.server.cache.ResponseCache;
import dev.convoy.server.gpu.NvidiaSmi;
import dev.convoy.server.model.Platform;
import dev.convoy.server.repository.ModelControl;
import dev.convoy.server.sampling.MonitorSampling;
import dev.convoy.server.sampling.Sampler;
import dev.convoy.server.sampling.SamplingPolicy;
import dev.convoy.server.telemetry.TraceControl;
import dev.convoy.server.telemetry.TraceSampler;
import dev.convoy.security.SecurityOptions;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.auth.EndpointGroup;
import dev.convoy.security.tls.TlsCredentials;
import dev.convoy.security.tls.TlsCredentials.ClientTls;
import dev.convoy.security.tls.TlsFiles;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.prometheus.MetricsAccess;
import dev.convoy.transport.BindFailure;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Spec
  private CommandSpec spec;

  @Option(names = {"-m", "--model-repository"}, required = true, paramLabel = "DIR",
      description = "Model repository: <model>/config.pbtxt and <model>/<version>/model.onnx (or model.pt).")
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

  @Option(names = "--stream-window", defaultValue = "0",
      description = "Requests each ModelStreamInfer stream keeps in flight; 0: max(64, 2 x max_batch_size)"
          + " of the models it names (default ${DEFAULT-VALUE}).")
  private int streamWindow;

  @Option(names = "--metrics-port", defaultValue = "8002",
      description = "Port of the Prometheus /metrics endpoint; 0 picks a free one, -1 serves none"
          + " (default ${DEFAULT-VALUE}).")
  private int metricsPort;

  @Option(names = "--pytorch-native-dir", paramLabel = "DIR",
      description = "Where libtorch is extracted from its jar for TorchScript models (default: DJL's, ~/.djl.ai).")
  private Path pytorchNativeDir;

  @Option(names = "--pytorch-inter-op-threads", defaultValue = "1",
      description = "libtorch's inter-op threads, one pool per process (default ${DEFAULT-VALUE}).")
  private int pytorchInterOpThreads;

  @Option(names = "--model-control-mode", defaultValue = "none", paramLabel = "MODE",
      converter = ModeConverter.class,
      description = "Triton's model control: none loads every model and refuses RepositoryModelLoad/Unload;"
          + " explicit takes them and loads only the --load-model models at start (default ${DEFAULT-VALUE}).")
  private ModelControl.Mode modelControlMode;

  @Option(names = "--load-model", paramLabel = "NAME",
      description = "With --model-control-mode explicit: a model to load at start-up (repeatable); * loads all.")
  private List<String> loadModels = List.of();

  @Mixin
  private SecurityOptions securityOptions;

  @Option(names = "--monitor-tls-ca", paramLabel = "FILE",
      description = "Sample into the monitor over TLS, trusting these PEM CA certificates.")
  private Path monitorTlsCa;

  @Option(names = "--monitor-tls-cert", paramLabel = "FILE",
      description = "PEM certificate the server presents to the monitor (mutual TLS).")
  private Path monitorTlsCert;

  @Option(names = "--monitor-tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --monitor-tls-cert.")
  private Path monitorTlsKey;

  @Option(names = "--monitor", paramLabel = "HOST:PORT", description = "Sample answered requests into this monitor.")
  private String monitor;

  @Option(names = "--monitor-sample-rate", defaultValue = "0", paramLabel = "RATE",
      description = "Share of requests sampled for models whose config sets no monitor_sample_rate (default ${DEFAULT-VALUE}).")
  private String monitorSampleRate;

  @Option(names = "--cache-config", paramLabel = "local,size=BYTES",
      description = "The response cache, as Triton's option: local,size=N keeps up to N bytes of answers of the"
          + " models with response_cache { enable: true } (default: no cache).")
  private String cacheConfig;

  @Override
  public Integer call() throws InterruptedException {
    long budget = maxInflightBytes == null ? MemoryBudget.defaultLimitBytes() : maxInflightBytes;
    ResponseCache cache = responseCache();
    ServerOptions options = new ServerOptions(modelRepository, host, port,
        handlerThreads == null ? ServerOptions.defaultHandlerThreads() : handlerThreads,
        shutdownGrace, maxMessageMb == null ? ServerOptions.defaultMaxMessageBytes(budget) : maxMessageMb << 20,
        budget, streamWindow, modelControl());
    TraceControl traces = new TraceControl();
    ServiceSecurity security;
    try {
      security = securityOptions.open();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      spec.commandLine().getErr().println("convoy-server: " + e.getMessage());
      return 2;
    }
    security.warnIfExposed(SERVICE_NAME, host);
    Telemetry telemetry;
    try {
      telemetry = Telemetry.configure(telemetrySettings()
          .withSampler(configured -> new TraceSampler(configured, traces))
          .withMetricsAccess(new MetricsAccess(security.https(), security.httpAccess(EndpointGroup.METRICS))));
    } catch (UncheckedIOException e) {
      security.close();
      return cannotListen(e, "--metrics-port");
    }
    ClientTls monitorTls;
    try {
      monitorTls = monitorTls();
    } catch (IllegalArgumentException e) {
      telemetry.close();
      security.close();
      spec.commandLine().getErr().println("convoy-server: " + e.getMessage());
      return 2;
    }
    MonitorSampling sampling = monitor == null ? null : MonitorSampling.start(monitor,
        SamplingPolicy.checked("--monitor-sample-rate", monitorSampleRate), telemetry.openTelemetry(),
        monitorTls.credentials());
    InferenceServer server;
    try {
      server = InferenceServer.start(options, backends(), Clock.systemUTC(), telemetry.openTelemetry(),
          sampling == null ? Sampler.disabled() : sampling.sampler(), traces, cache, security);
    } catch (UncheckedIOException e) {
      telemetry.close();
      security.close();
      return cannotListen(e, "--port");
    } catch (RuntimeException e) {
      telemetry.close();
      security.close();
      throw e;
    }
    telemetry.expose(server.tritonMetrics());
    // The server drains first, then the telemetry flushes the spans of the last requests.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      if (sampling != null) {
        sampling.close();
      }
      telemetry.close();
      security.close();
      monitorTls.close();
    }, "convoy-shutdown"));
    server.awaitTermination();
    return 0;
  }

  private ModelControl modelControl() {
    try {
      return new ModelControl(modelControlMode, loadModels);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private ResponseCache responseCache() {
    if (cacheConfig == null) {
      return ResponseCache.disabled();
    }
    try {
      return new ResponseCache(CacheConfig.parseSize(cacheConfig));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Triton's spellings, {@code none} and {@code explicit}, in any case. */
  static final class ModeConverter implements CommandLine.ITypeConverter<ModelControl.Mode> {
    @Override
    public ModelControl.Mode convert(String value) {
      for (ModelControl.Mode mode : ModelControl.Mode.values()) {
        if (mode.name().equalsIgnoreCase(value)) {
          return mode;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a model control mode; use none or explicit");
    }
  }

  /** Plaintext to the monitor unless a monitor TLS option is given. */
  private ClientTls monitorTls() {
    TlsFiles files = TlsFiles.of(monitorTlsCert, "--monitor-tls-cert", monitorTlsKey, "--monitor-tls-key",
        monitorTlsCa, "--monitor-tls-ca");
    return TlsCredentials.clientIfConfigured(files);
  }

  /** One line naming the address, the cause and the option that moves it; exit status 2. */
  private int cannotListen(UncheckedIOException e, String option) {
    spec.commandLine().getErr().println("convoy-server: " + BindFailure.describe(e, option));
    return 2;
  }

  /** ONNX Runtime and DJL's PyTorch engine, each started when its first model loads. */
  private ModelBackend backends() {
    PyTorchSettings pytorch = new PyTorchSettings(Optional.ofNullable(pytorchNativeDir), pytorchInterOpThreads);
    Map<Platform, Supplier<ModelBackend>> factories = Map.of(
        Platform.ONNX, () -> new OnnxRuntimeBackend(System::nanoTime),
        Platform.PYTORCH, () -> new PyTorchBackend(pytorch, System::nanoTime));
    return new PlatformBackends(factories, NvidiaSmi.onPath()::gpuCount);
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
