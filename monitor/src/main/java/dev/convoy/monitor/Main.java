package dev.convoy.monitor;

import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.drift.Correction;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.Durations;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.security.SecurityOptions;
import dev.convoy.security.ServiceSecurity;
import dev.convoy.security.auth.EndpointGroup;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.prometheus.MetricsAccess;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code convoy-monitor} command line. */
@Command(name = "convoy-monitor", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {dev.convoy.monitor.cli.SendRows.class, dev.convoy.monitor.cli.SendLabels.class},
    description = "Watches sampled inference traffic for drift and falling accuracy; alerts; dashboard.",
    footer = "%nAlert rules read NAME=METRIC[@FEATURE] OP THRESHOLD [for N]; metrics: dataset_drift_share, psi,"
        + " ks_statistic, kl_divergence, js_distance, wasserstein, prediction_psi, estimated_accuracy,"
        + " estimated_accuracy_drop, accuracy, accuracy_drop, macro_f1.")
public final class Main implements Callable<Integer> {
  static final String SERVICE_NAME = "convoy-monitor";

  @Spec
  private CommandSpec spec;

  @Option(names = {"-p", "--port"}, defaultValue = "8004", description = "gRPC port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default ${DEFAULT-VALUE}).")
  private String host;

  @Option(names = "--http-port", defaultValue = "8005",
      description = "Dashboard port; 0 picks a free one, -1 serves none (default ${DEFAULT-VALUE}).")
  private int httpPort;

  @Option(names = "--metrics-port", defaultValue = "8006",
      description = "Prometheus /metrics port; 0 picks a free one, -1 serves none (default ${DEFAULT-VALUE}).")
  private int metricsPort;

  @Option(names = "--db", defaultValue = "monitor-data/monitor", paramLabel = "PATH",
      description = "H2 database file, without .mv.db (default ${DEFAULT-VALUE}).")
  private Path database;

  @Option(names = "--reference", paramLabel = "MODEL:VERSION=CSV",
      description = "Reference rows of a model version (header: features, optional label and score_<k>); repeatable.")
  private List<String> references = new ArrayList<>();

  @Option(names = "--freeze-first", defaultValue = "0", paramLabel = "N",
      description = "Freeze a reference from the first N samples of a model version that has none; 0: never.")
  private int freezeFirst;

  @Option(names = "--window", defaultValue = "200", paramLabel = "N|DURATION",
      description = "Tumbling windows of N samples, or of a duration such as 30s, 5m (default ${DEFAULT-VALUE}).")
  private String window;

  @Option(names = "--min-window", defaultValue = "50", description = "Windows with fewer samples never alarm (default ${DEFAULT-VALUE}).")
  private int minimumWindow;

  @Option(names = "--alpha", defaultValue = "0.05", description = "Level of the per-feature KS tests (default ${DEFAULT-VALUE}).")
  private double alpha;

  @Option(names = "--correction", defaultValue = "benjamini-hochberg",
      description = "benjamini-hochberg or bonferroni (default ${DEFAULT-VALUE}).")
  private String correction;

  @Option(names = "--dataset-share", defaultValue = "0.5",
      description = "The dataset drifts when this share of features drifts (default ${DEFAULT-VALUE}).")
  private double datasetShare;

  @Option(names = "--alert", paramLabel = "RULE", description = "An alert rule; repeatable. Default: "
      + "dataset-drift=dataset_drift_share>=0.5 for 2, prediction-drift=prediction_psi>0.25 for 2,"
      + " accuracy-drop=accuracy_drop>0.1.")
  private List<String> alerts = new ArrayList<>();

  @Option(names = "--label-horizon", defaultValue = "1h", description = "Labels join samples at most this old (default ${DEFAULT-VALUE}).")
  private String labelHorizon;

  @Option(names = "--min-labels", defaultValue = "30", description = "Labelled samples a window needs to judge accuracy (default ${DEFAULT-VALUE}).")
  private int minimumLabels;

  @Option(names = "--retention", defaultValue = "7d", description = "Samples are deleted after this (default ${DEFAULT-VALUE}).")
  private String retention;

  @Option(names = "--webhook", paramLabel = "URL", description = "POST each alert transition as JSON here.")
  private URI webhook;

  @Mixin
  private SecurityOptions securityOptions;

  @Override
  public Integer call() throws InterruptedException {
    MonitorOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("convoy-monitor: " + e.getMessage());
      return 2;
    }
    ServiceSecurity security;
    try {
      security = securityOptions.open();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      spec.commandLine().getErr().println("convoy-monitor: " + e.getMessage());
      return 2;
    }
    security.warnIfExposed(SERVICE_NAME, host);
    Telemetry telemetry;
    try {
      TelemetrySettings settings = TelemetrySettings.forService(SERVICE_NAME).withMetricsAccess(
          new MetricsAccess(security.https(), security.httpAccess(EndpointGroup.METRICS)));
      telemetry = Telemetry.configure(metricsPort == -1 ? settings : settings.withMetrics(host, metricsPort));
    } catch (IllegalArgumentException e) {
      security.close();
      spec.commandLine().getErr().println("convoy-monitor: " + e.getMessage());
      return 2;
    }
    MonitorServer server;
    try {
      server = MonitorServer.start(options, telemetry.openTelemetry(), Main::epochNanos, security);
    } catch (RuntimeException e) {
      telemetry.close();
      security.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      telemetry.close();
      security.close();
    }, "convoy-monitor-shutdown"));
    server.awaitTermination();
    return 0;
  }

  MonitorOptions options() {
    if (!(webhook == null || "http".equals(webhook.getScheme()) || "https".equals(webhook.getScheme()))) {
      throw new IllegalArgumentException("--webhook must be an http or https URL");
    }
    List<AlertRule> rules = alerts.isEmpty() ? AlertRule.defaults() : alerts.stream().map(AlertRule::parse).toList();
    EngineSettings engine = new EngineSettings(WindowPolicy.parse(window),
        new DriftSettings(alpha, Correction.parse(correction), datasetShare, minimumWindow), rules,
        Durations.parse(labelHorizon), Durations.parse(retention), freezeFirst, minimumLabels);
    Map<String, Path> csv = new LinkedHashMap<>();
    references.stream().map(MonitorOptions::parseReference).forEach(e -> csv.put(e.getKey(), e.getValue()));
    return new MonitorOptions(host, port, httpPort, database, engine, csv, Optional.ofNullable(webhook),
        Duration.ofSeconds(1));
  }

  private static long epochNanos() {
    java.time.Instant now = java.time.Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
