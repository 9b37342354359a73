package dev.convoy.server.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.convoy.server.telemetry.ServerTelemetry;
import dev.convoy.telemetry.Telemetry;
import dev.convoy.telemetry.testing.PrometheusText;
import dev.convoy.telemetry.testing.ScrapedTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triton's nv_gpu_* metrics on /metrics, from GPU samples; none without GPUs. */
class GpuMetricsTest {
  private static final String UUID = "GPU-5c2b1f6e-0b7e-8c53-6e1d-6f5a8d1e2a10";
  private Telemetry telemetry;

  @BeforeEach
  void start() {
    telemetry = ScrapedTelemetry.start("convoy-server");
  }

  @AfterEach
  void stop() {
    telemetry.close();
  }

  @Test
  void scrape_withGpus_exportsTritonsGpuMetrics() throws Exception {
    List<GpuSample> samples = NvidiaSmi.parse(" 0, " + UUID + ", 37, 1024, 81559\n");
    try (GpuMetrics metrics = GpuMetrics.start(meter(), () -> Optional.of(samples), Duration.ofHours(1)).orElseThrow()) {
      PrometheusText.Exposition scraped = PrometheusText.scrape(telemetry.metricsPort().getAsInt());
      assertThat(scraped.type("nv_gpu_utilization")).isEqualTo("gauge");
      assertThat(scraped.value("nv_gpu_utilization", "gpu_uuid", UUID)).isEqualTo(0.37);
      assertThat(scraped.value("nv_gpu_memory_used_bytes", "gpu_uuid", UUID)).isEqualTo(1024.0 * (1 << 20));
      assertThat(scraped.value("nv_gpu_memory_total_bytes", "gpu_uuid", UUID)).isEqualTo(81559.0 * (1 << 20));
    }
  }

  @Test
  void start_withoutNvidiaSmi_exportsNothing() throws Exception {
    NvidiaSmi absent = new NvidiaSmi("nvidia-smi-that-is-not-installed", Duration.ofSeconds(5));
    assertThat(GpuMetrics.start(meter(), absent::query, Duration.ofSeconds(1))).isEmpty();
    PrometheusText.Exposition scraped = PrometheusText.scrape(telemetry.metricsPort().getAsInt());
    assertThat(scraped.samples().stream().map(PrometheusText.Sample::name)).noneMatch(n -> n.startsWith("nv_gpu"));
  }

  private Meter meter() {
    return telemetry.openTelemetry().getMeter(ServerTelemetry.SCOPE);
  }
}
