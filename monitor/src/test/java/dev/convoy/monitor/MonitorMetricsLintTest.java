package dev.convoy.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convoy.monitor.alert.AlertRule;
import dev.convoy.monitor.engine.Digits;
import dev.convoy.monitor.engine.EngineSettings;
import dev.convoy.monitor.reference.ReferenceRow;
import dev.convoy.monitor.window.DriftSettings;
import dev.convoy.monitor.window.WindowPolicy;
import dev.convoy.proto.monitor.v1.Sample;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.TelemetrySettings;
import dev.convoy.telemetry.testing.PrometheusText;
import dev.convoy.telemetry.testing.Promtool;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor's /metrics after a window of drifted samples, checked by Prometheus' promtool. */
class MonitorMetricsLintTest {
  private static final int WINDOW = 200;

  @TempDir Path dir;

  @Test
  void promtool_afterAWindowOfSamples_findsNothingToFlag() throws Exception {
    Optional<Promtool> promtool = Promtool.onPath();
    assumeTrue(promtool.isPresent(), Promtool.MISSING);
    EngineSettings engine = new EngineSettings(new WindowPolicy.ByCount(WINDOW), DriftSettings.defaults(),
        AlertRule.defaults(), Duration.ofHours(1), Duration.ofDays(1), 0, 30);
    MonitorOptions options = new MonitorOptions("127.0.0.1", 0, 0, dir.resolve("db"), engine,
        Map.of(Digits.MODEL + "/" + Digits.VERSION, Digits.data("digits_reference.csv")), Optional.empty(),
        Duration.ofSeconds(1));
    try (Telemetry telemetry = Telemetry.configure(TelemetrySettings.forService("convoy-monitor")
            .withMetrics("127.0.0.1", 0).withProperties(Map.of("otel.traces.exporter", "none")));
        MonitorServer monitor = MonitorServer.start(options, telemetry.openTelemetry(),
            () -> System.currentTimeMillis() * 1_000_000)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", monitor.port()).usePlaintext().build();
      try {
        List<ReferenceRow> shifted = Digits.rows("digits_shifted.csv");
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < WINDOW; i++) {
          batch.add(Digits.sample(shifted.get(i % shifted.size()), "r" + i));
        }
        Ingest.send(channel, List.of(batch));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }

      Promtool.Verdict verdict = promtool.get().checkMetrics(PrometheusText.fetch(telemetry.metricsPort().getAsInt()));

      assertThat(verdict.problems()).isEmpty();
      assertThat(verdict.exitCode()).isZero();
    }
  }
}
