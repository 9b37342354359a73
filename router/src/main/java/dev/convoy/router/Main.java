package dev.convoy.router;

import dev.convoy.router.config.ConfigException;
import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.RouterConfig;
import dev.convoy.router.config.Setting;
import dev.convoy.router.config.Settings;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code convoy-router} command line. Options are settings of the configuration file
 * format (see the module README); a setting given on the command line replaces the file's
 * values for that key, including the whole list of {@code backend} or {@code dns} entries.
 * OpenTelemetry is configured by the standard {@code OTEL_*} environment variables; metrics
 * are served on {@code --metrics-port}.
 */
@Command(name = "convoy-router", mixinStandardHelpOptions = true, sortOptions = false,
    description = "One gRPC front door (Open Inference Protocol) over GPU and CPU inference servers.",
    footer = "%nTracing: set OTEL_EXPORTER_OTLP_ENDPOINT (and the other standard OTEL_* variables) to export spans.")
public final class Main implements Callable<Integer> {
  /** {@code service.name} unless OTEL_SERVICE_NAME says otherwise. */
  static final String SERVICE_NAME = "convoy-router";
  private static final String ORIGIN = "command line";
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings file: one 'key = value' per line.")
  private Path configFile;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "gRPC port; 0 picks a free one (default 8000).")
  private Integer port;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default 0.0.0.0).")
  private String host;

  @Option(names = "--backend", paramLabel = "HOST:PORT[,kind=GPU|CPU][,weight=N]",
      description = "A backend inference server; repeat for several. Kind defaults to CPU, weight to 1.")
  private List<String> backends = new ArrayList<>();

  @Option(names = "--dns", paramLabel = "NAME:PORT[,kind=GPU|CPU][,weight=N]",
      description = "A DNS name whose addresses are backends (a Kubernetes headless Service); repeatable.")
  private List<String> dnsNames = new ArrayList<>();

  @Option(names = "--dns-refresh", paramLabel = "DURATION", description = "How often DNS names are re-resolved (default 30s).")
  private String dnsRefresh;

  @Option(names = "--policy", paramLabel = "p2c|gpu-first", description = "Balancing policy (default p2c).")
  private String policy;

  @Option(names = "--gpu-saturation", paramLabel = "X",
      description = "gpu-first: outstanding requests per unit of weight at which a GPU backend is saturated (default 1.0).")
  private String gpuSaturation;

  @Option(names = "--wait-for-backends", paramLabel = "DURATION",
      description = "At start, hold calls (not refuse them) until every backend serves, for at most this long"
          + " (default 0s: no wait).")
  private String waitForBackends;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other setting of the file format; repeatable.")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "8003",
      description = "Port of the Prometheus /metrics endpoint; 0 picks a free one, -1 serves none"
          + " (default ${DEFAULT-VALUE}).")
  private int metricsPort;

  @Mixin
  private SecurityOptions securityOptions;

  @Option(names = "--backend-tls-ca", paramLabel = "FILE",
      description = "Call the backends over TLS, trusting these PEM CA certificates (and checking their host names).")
  private Path backendTlsCa;

  @Option(names = "--backend-tls-cert", paramLabel = "FILE",
      description = "PEM certificate the router presents to the backends (mutual TLS); reloaded when it changes.")
  private Path backendTlsCert;

  @Option(names = "--backend-tls-key", paramLabel = "FILE", description = "PEM (PKCS#8) private key of --backend-tls-cert.")
  private Path backendTlsKey;

  @Override
  public Integer call() throws InterruptedException {
    RouterConfig config;
    try {
      config = ConfigParser.parse(settings());
    } catch (ConfigException | UncheckedIOException e) {
      spec.commandLine().getErr().println("convoy-router: " + e.getMessage());
      return 2;
    }
    if (metricsPort < -1 || metricsPort > 65535) {
      spec.commandLine().getErr().println("convoy-router: --metrics-port must be -1 (none) or in 0..65535, got "
          + metricsPort);
      return 2;
    }
    ServiceSecurity security;
    ClientTls backendTls;
    try {
      security = securityOptions.open();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      spec.commandLine().getErr().println("convoy-router: " + e.getMessage());
      return 2;
    }
    try {
      backendTls = backendTls();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      security.close();
      spec.commandLine().getErr().println("convoy-router: " + e.getMessage());
      return 2;
    }
    security.warnIfExposed(SERVICE_NAME, config.host());
    if (backendTlsCert != null && !security.authenticates()) {
      log.warn("the router presents --backend-tls-cert but authenticates no caller (no --auth-config): servers that"
          + " check callers take a call it forwards without a bearer token for the router's own");
    }
    Telemetry telemetry;
    try {
      telemetry = Telemetry.configure(telemetrySettings(config.host()).withMetricsAccess(
          new MetricsAccess(security.https(), security.httpAccess(EndpointGroup.METRICS))));
    } catch (IllegalArgumentException e) {
      closeAll(security, backendTls);
      spec.commandLine().getErr().println("convoy-router: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException e) {
      closeAll(security, backendTls);
      return cannotListen(e, "--metrics-port");
    }
    Router router;
    try {
      router = Router.start(config, RouterEnvironment.system(), telemetry.openTelemetry(),
          new RouterSecurity(security, backendTls.credentials()));
    } catch (UncheckedIOException e) {
      telemetry.close();
      closeAll(security, backendTls);
      return cannotListen(e, "--port");
    } catch (RuntimeException e) {
      telemetry.close();
      closeAll(security, backendTls);
      throw e;
    }
    // The router drains first, then the telemetry flushes the spans of the last calls.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      router.close();
      telemetry.close();
      closeAll(security, backendTls);
    }, "convoy-router-shutdown"));
    router.awaitTermination();
    return 0;
  }

  /** Plaintext to the backends unless a backend TLS option is given. */
  private ClientTls backendTls() {
    TlsFiles files = TlsFiles.of(backendTlsCert, "--backend-tls-cert", backendTlsKey, "--backend-tls-key",
        backendTlsCa, "--backend-tls-ca");
    return TlsCredentials.clientIfConfigured(files);
  }

  private static void closeAll(ServiceSecurity security, ClientTls backendTls) {
    security.close();
    backendTls.close();
  }

  /** One line naming the address, the cause and the option that moves it; exit status 2. */
  private int cannotListen(UncheckedIOException e, String option) {
    spec.commandLine().getErr().println("convoy-router: " + BindFailure.describe(e, option));
    return 2;
  }

  /** The service name, and {@code /metrics} on the router's address unless the port is -1. */
  TelemetrySettings telemetrySettings(String host) {
    TelemetrySettings settings = TelemetrySettings.forService(SERVICE_NAME);
    return metricsPort == -1 ? settings : settings.withMetrics(host, metricsPort);
  }

  /** The file's settings, replaced key by key by those given on the command line. */
  Settings settings() {
    List<Setting> cli = new ArrayList<>();
    add(cli, "port", port == null ? null : port.toString());
    add(cli, "host", host);
    backends.forEach(b -> add(cli, "backend", b));
    dnsNames.forEach(d -> add(cli, "dns", d));
    add(cli, "dns.refresh", dnsRefresh);
    add(cli, "policy", policy);
    add(cli, "gpu-first.saturation", gpuSaturation);
    add(cli, "wait-for-backends", waitForBackends);
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(ORIGIN + ": --set expects KEY=VALUE, got '" + set + "'");
      }
      add(cli, set.substring(0, eq).strip(), set.substring(eq + 1).strip());
    }
    Settings file = configFile == null ? Settings.of(List.of()) : Settings.read(configFile);
    return file.overriddenBy(Settings.of(cli));
  }

  private static void add(List<Setting> settings, String key, String value) {
    if (value != null) {
      settings.add(new Setting(key, value, ORIGIN));
    }
  }

  public static void main(String[] args) {
    // gRPC and Netty log through java.util.logging; send it to SLF4J with the rest.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
