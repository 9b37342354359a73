package dev.convoy.server.gpu;

import dev.convoy.server.concurrent.NamedThreadFactory;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Triton's GPU metrics, per {@code gpu_uuid}: {@code nv_gpu_utilization} (0..1),
 * {@code nv_gpu_memory_used_bytes} and {@code nv_gpu_memory_total_bytes}. The GPUs are sampled
 * on a thread of their own (nvidia-smi takes tens of milliseconds), and a scrape reads the
 * latest sample.
 */
public final class GpuMetrics implements AutoCloseable {
  static final AttributeKey<String> GPU_UUID = AttributeKey.stringKey("gpu_uuid");

  private final AtomicReference<List<GpuSample>> latest;
  private final ScheduledExecutorService sampler;
  private final List<AutoCloseable> gauges;

  private GpuMetrics(Meter meter, List<GpuSample> first, ScheduledExecutorService sampler) {
    this.latest = new AtomicReference<>(first);
    this.sampler = sampler;
    ObservableDoubleGauge utilization = meter.gaugeBuilder("nv.gpu.utilization")
        .setDescription("GPU utilization rate, 0.0 - 1.0")
        .buildWithCallback(m -> latest.get().stream().filter(s -> !Double.isNaN(s.utilization()))
            .forEach(s -> m.record(s.utilization(), labels(s))));
    ObservableLongGauge used = meter.gaugeBuilder("nv.gpu.memory.used").ofLongs().setUnit("By")
        .setDescription("GPU used memory, in bytes")
        .buildWithCallback(m -> latest.get().forEach(s -> m.record(s.memoryUsedBytes(), labels(s))));
    ObservableLongGauge total = meter.gaugeBuilder("nv.gpu.memory.total").ofLongs().setUnit("By")
        .setDescription("GPU total memory, in bytes")
        .buildWithCallback(m -> latest.get().forEach(s -> m.record(s.memoryTotalBytes(), labels(s))));
    this.gauges = List.of(utilization, used, total);
  }

  /**
   * Starts sampling every {@code period}, or returns empty, exporting nothing, when the first
   * query finds no GPU (nvidia-smi absent or failing).
   *
   * @param gpus nvidia-smi, or another source of samples
   */
  public static Optional<GpuMetrics> start(Meter meter, Supplier<Optional<List<GpuSample>>> gpus, Duration period) {
    Optional<List<GpuSample>> first = gpus.get().filter(samples -> !samples.isEmpty());
    if (first.isEmpty()) {
      return Optional.empty();
    }
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
        new NamedThreadFactory("convoy-gpu-metrics"));
    GpuMetrics metrics = new GpuMetrics(meter, first.get(), sampler);
    sampler.scheduleWithFixedDelay(() -> gpus.get().ifPresent(metrics.latest::set),
        period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return Optional.of(metrics);
  }

  private static Attributes labels(GpuSample sample) {
    return Attributes.of(GPU_UUID, sample.uuid());
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    for (AutoCloseable gauge : gauges) {
      try {
        gauge.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a GPU gauge", e);
      }
    }
  }
}
