package dev.convoy.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
  private static RouterConfig parse(String text) {
    return ConfigParser.parse(Settings.parse(text, "router.conf"));
  }

  @Test
  void parse_onlyBackends_appliesDefaults() {
    RouterConfig config = parse("backend = gpu-0:8001,kind=GPU,weight=4\nbackend = cpu-0:8001\n");

    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.discovery().backends()).containsExactly(
        new BackendTarget("gpu-0", 8001, BackendKind.GPU, 4), new BackendTarget("cpu-0", 8001, BackendKind.CPU, 1));
    assertThat(config.discovery().dnsNames()).isEmpty();
    assertThat(config.balancing()).isEqualTo(new Balancing(BalancePolicy.P2C, 1.0));
    assertThat(config.retry()).isEqualTo(new RetrySettings(0.2, Duration.ofSeconds(10), 10));
    assertThat(config.ejection()).isEqualTo(new EjectionSettings(5, Duration.ofSeconds(5), Duration.ofMinutes(2)));
    assertThat(config.probes()).isEqualTo(new ProbeSettings(Duration.ofSeconds(5), Duration.ofSeconds(2)));
    assertThat(config.maxMessageBytes()).isEqualTo(64 << 20);
  }

  @Test
  void parse_everySetting_readsEachValue() {
    RouterConfig config = parse("""
        # a comment, then a blank line

        host = 127.0.0.1
        port = 0
        dns = inference.default.svc:8001,kind=GPU,weight=2
        dns.refresh = PT15S
        policy = gpu-first
        gpu-first.saturation = 2.5
        probe.interval = 500ms
        probe.timeout = 1s
        retry.budget.ratio = 0.1
        retry.budget.window = 1m
        retry.budget.min = 3
        ejection.failures = 2
        ejection.base = 1s
        ejection.max = 30s
        fan-out.timeout = 5s
        threads = 3
        max-message-mb = 8
        shutdown.grace = 0s
        """);

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isZero();
    assertThat(config.discovery().dnsNames()).containsExactly(
        new BackendTarget("inference.default.svc", 8001, BackendKind.GPU, 2));
    assertThat(config.discovery().dnsRefresh()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.balancing()).isEqualTo(new Balancing(BalancePolicy.GPU_FIRST, 2.5));
    assertThat(config.probes()).isEqualTo(new ProbeSettings(Duration.ofMillis(500), Duration.ofSeconds(1)));
    assertThat(config.retry()).isEqualTo(new RetrySettings(0.1, Duration.ofMinutes(1), 3));
    assertThat(config.ejection()).isEqualTo(new EjectionSettings(2, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    assertThat(config.fanOutTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.threads()).isEqualTo(3);
    assertThat(config.maxMessageBytes()).isEqualTo(8 << 20);
    assertThat(config.shutdownGrace()).isZero();
  }

  @Test
  void parse_unknownKey_failsNamingKeyAndLine() {
    assertThatThrownBy(() -> parse("backend = a:1\nretries = 3\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("router.conf:2")
        .hasMessageContaining("unknown setting 'retries'");
  }

  @Test
  void parse_singleKeyTwice_fails() {
    assertThatThrownBy(() -> parse("backend = a:1\nport = 1\nport = 2\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("router.conf:3")
        .hasMessageContaining("'port' is set twice (first at router.conf:2)");
  }

  @Test
  void parse_noBackends_fails() {
    assertThatThrownBy(() -> parse("port = 1\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("no backends");
  }

  @Test
  void parse_badValues_failNamingTheSetting() {
    assertThatThrownBy(() -> parse("backend = a:1\npolicy = round-robin\n"))
        .hasMessageContaining("router.conf:2").hasMessageContaining("unknown policy 'round-robin'");
    assertThatThrownBy(() -> parse("backend = a:1\nprobe.interval = soon\n"))
        .hasMessageContaining("probe.interval: 'soon' is not a duration");
    assertThatThrownBy(() -> parse("backend = a:1\nport = eighty\n"))
        .hasMessageContaining("port must be an integer");
    assertThatThrownBy(() -> parse("backend = a:1\nretry.budget.ratio = 1.5\n"))
        .hasMessageContaining("retry.budget.ratio must be in 0..1");
    assertThatThrownBy(() -> parse("backend = a:1\nejection.base = 1m\nejection.max = 1s\n"))
        .hasMessageContaining("ejection.max");
    assertThatThrownBy(() -> parse("backend = a:1\nline without equals\n"))
        .hasMessageContaining("router.conf:2: expected 'key = value'");
  }

  @Test
  void parseBackend_malformed_failsNamingTheProblem() {
    assertThatThrownBy(() -> BackendTarget.parse("gpu-0")).hasMessageContaining("expected host:port");
    assertThatThrownBy(() -> BackendTarget.parse("gpu-0:http")).hasMessageContaining("port must be an integer");
    assertThatThrownBy(() -> BackendTarget.parse("gpu-0:1,kind=TPU")).hasMessageContaining("kind must be GPU or CPU");
    assertThatThrownBy(() -> BackendTarget.parse("gpu-0:1,weight=0")).hasMessageContaining("weight must be in 1..");
    assertThatThrownBy(() -> BackendTarget.parse("gpu-0:1,zone=a")).hasMessageContaining("unknown option 'zone'");
    assertThatThrownBy(() -> parse("backend = gpu-0:1,kind=TPU\n")).hasMessageContaining("router.conf:1");
  }

  @Test
  void parseBackend_ipv6AndLowerCaseKind_accepted() {
    BackendTarget target = BackendTarget.parse("[::1]:8001,kind=gpu,weight=3");

    assertThat(target).isEqualTo(new BackendTarget("::1", 8001, BackendKind.GPU, 3));
    assertThat(target.address()).isEqualTo("[::1]:8001");
  }

  @Test
  void overriddenBy_commandLineKey_replacesAllFileValuesOfThatKey() {
    Settings file = Settings.parse("backend = a:1\nbackend = b:1\nport = 9000\npolicy = gpu-first\n", "f");
    Settings cli = Settings.of(List.of(new Setting("backend", "c:1", "command line"),
        new Setting("port", "0", "command line")));

    RouterConfig config = ConfigParser.parse(file.overriddenBy(cli));

    assertThat(config.discovery().backends()).extracting(BackendTarget::host).containsExactly("c");
    assertThat(config.port()).isZero();
    assertThat(config.balancing().policy()).isEqualTo(BalancePolicy.GPU_FIRST);
  }

  @Test
  void knownKeys_listsDocumentedKeys() {
    assertThat(ConfigParser.knownKeys()).contains("backend", "dns", "dns.refresh", "policy", "gpu-first.saturation",
        "retry.budget.ratio", "ejection.failures", "probe.interval");
  }
}
