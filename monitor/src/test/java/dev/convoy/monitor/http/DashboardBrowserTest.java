package dev.convoy.monitor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convoy.monitor.Ingest;
import dev.convoy.monitor.MonitorOptions;
import dev.convoy.monitor.MonitorServer;
import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.engine.Digits;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.monitor.v1.Sample;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the dashboard in headless Chromium (Debian's {@code chromium}) after held-out then
 * shifted digits went through the monitor, and checks the page drew its plots. Skipped when
 * no Chromium is installed. Leaves a screenshot in target/dashboard.png.
 */
class DashboardBrowserTest {
  private static final int WINDOW = 100;

  @TempDir
  Path dir;

  @Test
  void dashboard_afterDrift_drawsTrendLinesHistogramsAndAlerts() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install -y chromium)");
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(WINDOW), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    MonitorOptions options = new MonitorOptions("127.0.0.1", 0, 0, dir.resolve("db"), engine,
        Map.of(Digits.MODEL + "/" + Digits.VERSION, Digits.data("digits_reference.csv")), Optional.empty(),
        Duration.ofSeconds(1));
    try (MonitorServer monitor = MonitorServer.start(options, OpenTelemetry.noop(),
        () -> System.currentTimeMillis() * 1_000_000)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", monitor.port()).usePlaintext().build();
      List<List<Sample>> batches = new ArrayList<>();
      for (int w = 0; w < 6; w++) {
        batches.add(batch(Digits.rows(w < 3 ? "digits_test.csv" : "digits_shifted.csv"), w));
      }
      Ingest.send(channel, batches);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      String url = "http://127.0.0.1:" + monitor.httpPort() + "/";
      String dom = run(chromium.get(), "--dump-dom", url);
      assertThat(dom).contains("data-rendered=\"true\"");
      assertThat(attribute(dom, "share", "data-points")).isEqualTo("6");
      assertThat(count(dom, "class=\"series\"")).isGreaterThanOrEqualTo(2);
      assertThat(count(dom, "class=\"threshold\"")).isGreaterThanOrEqualTo(3);
      assertThat(count(dom, "class=\"plot histogram\"")).isEqualTo(8);
      assertThat(count(dom, "class=\"bar\"")).isGreaterThan(8 * 4);
      assertThat(dom).contains("FIRING").contains("dataset-drift");
      Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
      run(chromium.get(), "--screenshot=" + screenshot, url);
      assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }
  }

  private static String run(Path chromium, String action, String url) throws Exception {
    Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1400,1150", "--virtual-time-budget=8000", action, url)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static Optional<Path> chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    return Optional.empty();
  }

  private static String attribute(String dom, String id, String name) {
    Matcher m = Pattern.compile("<svg[^>]*id=\"" + id + "\"[^>]*" + name + "=\"([^\"]*)\"").matcher(dom);
    return m.find() ? m.group(1) : "";
  }

  private static int count(String dom, String needle) {
    int count = 0;
    for (int i = dom.indexOf(needle); i >= 0; i = dom.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }

  private static List<Sample> batch(List<ReferenceRow> rows, int window) {
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < WINDOW; i++) {
      batch.add(Digits.sample(rows.get((window * 37 + i * 7) % rows.size()), "w" + window + "-" + i));
    }
    return batch;
  }
}
