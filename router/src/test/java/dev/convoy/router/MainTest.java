package dev.convoy.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.router.config.BackendKind;
import dev.convoy.router.config.BackendTarget;
import dev.convoy.router.config.BalancePolicy;
import dev.convoy.router.config.ConfigParser;
import dev.convoy.router.config.RouterConfig;
import dev.convoy.telemetry.TelemetrySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private static RouterConfig parse(String... args) {
    Main main = new Main();
    new CommandLine(main).parseArgs(args);
    return ConfigParser.parse(main.settings());
  }

  @Test
  void options_backendsDnsAndPolicy_becomeTheConfig() {
    RouterConfig config = parse("--port", "9001", "--backend", "gpu-0:8001,kind=GPU,weight=4",
        "--backend", "cpu-0:8001", "--dns", "inference.svc:8001,kind=CPU", "--dns-refresh", "10s",
        "--policy", "gpu-first", "--gpu-saturation", "1.5", "--set", "retry.budget.ratio=0.1");

    assertThat(config.port()).isEqualTo(9001);
    assertThat(config.discovery().backends()).containsExactly(
        new BackendTarget("gpu-0", 8001, BackendKind.GPU, 4), new BackendTarget("cpu-0", 8001, BackendKind.CPU, 1));
    assertThat(config.discovery().dnsNames()).containsExactly(new BackendTarget("inference.svc", 8001, BackendKind.CPU, 1));
    assertThat(config.discovery().dnsRefresh()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.balancing().policy()).isEqualTo(BalancePolicy.GPU_FIRST);
    assertThat(config.balancing().gpuSaturation()).isEqualTo(1.5);
    assertThat(config.retry().ratio()).isEqualTo(0.1);
  }

  @Test
  void options_configFile_commandLineWinsKeyByKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("router.conf"), """
        port = 7000
        backend = a:1
        backend = b:1
        policy = gpu-first
        """);

    RouterConfig config = parse("--config", file.toString(), "--backend", "c:1");

    assertThat(config.port()).isEqualTo(7000);
    assertThat(config.discovery().backends()).extracting(BackendTarget::host).containsExactly("c");
    assertThat(config.balancing().policy()).isEqualTo(BalancePolicy.GPU_FIRST);
  }

  @Test
  void execute_invalidSetting_exitCode2WithoutStarting() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new Main()).setErr(new PrintWriter(err));

    assertThat(command.execute("--backend", "a:1", "--set", "retries=3")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown setting 'retries'");
  }

  @Test
  void execute_metricsPortOutOfRange_exitCode2WithoutStarting() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new Main()).setErr(new PrintWriter(err));

    assertThat(command.execute("--backend", "a:1", "--metrics-port", "-2")).isEqualTo(2);
    assertThat(err.toString()).contains("--metrics-port must be -1 (none) or in 0..65535, got -2");
  }

  @Test
  void telemetrySettings_default_metricsOn8003AsConvoyRouter() {
    Main main = new Main();
    new CommandLine(main).parseArgs("--backend", "a:1");

    TelemetrySettings settings = main.telemetrySettings("0.0.0.0");

    assertThat(settings.serviceName()).isEqualTo("convoy-router");
    assertThat(settings.metricsAddress()).map(InetSocketAddress::getPort).contains(8003);
  }

  @Test
  void telemetrySettings_metricsPortMinusOne_noEndpoint() {
    Main main = new Main();
    new CommandLine(main).parseArgs("--backend", "a:1", "--metrics-port", "-1");

    assertThat(main.telemetrySettings("0.0.0.0").metricsAddress()).isEmpty();
  }

  @Test
  void usage_listsTheOptions() {
    String usage = new CommandLine(new Main()).getUsageMessage();

    assertThat(usage).contains("convoy-router", "--backend", "--dns", "--dns-refresh", "--policy", "--config",
        "--port", "--metrics-port", "OTEL_EXPORTER_OTLP_ENDPOINT");
  }
}
