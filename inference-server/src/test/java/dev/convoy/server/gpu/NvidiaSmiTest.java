package dev.convoy.server.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {
  @Test
  void parse_twoGpus_readsPercentAndMebibytes() {
    List<GpuSample> gpus = NvidiaSmi.parse("""
        0, GPU-5c2b1f6e-0b7e-8c53-6e1d-6f5a8d1e2a10, 37, 1024, 81559
        1, GPU-9a1e0c33-1d2f-4b5a-8c7d-2e3f4a5b6c7d, 0, 0, 81559
        """);
    assertThat(gpus).containsExactly(
        new GpuSample(0, "GPU-5c2b1f6e-0b7e-8c53-6e1d-6f5a8d1e2a10", 0.37, 1024L << 20, 81559L << 20),
        new GpuSample(1, "GPU-9a1e0c33-1d2f-4b5a-8c7d-2e3f4a5b6c7d", 0.0, 0, 81559L << 20));
  }

  @Test
  void parse_notAvailable_isNaN() {
    assertThat(NvidiaSmi.parse("0, MIG-1, [N/A], 10, 20").get(0).utilization()).isNaN();
  }

  @Test
  void parse_otherOutput_refused() {
    assertThatThrownBy(() -> NvidiaSmi.parse("NVIDIA-SMI has failed because it couldn't communicate with the driver"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected nvidia-smi line");
  }

  @Test
  void query_executableAbsent_isEmptyAndCountsNoGpu() {
    NvidiaSmi absent = new NvidiaSmi("nvidia-smi-that-is-not-installed", Duration.ofSeconds(5));
    assertThat(absent.query()).isEmpty();
    assertThat(absent.gpuCount()).isZero();
  }

  @Test
  void query_failingExecutable_isEmpty() {
    assertThat(new NvidiaSmi("false", Duration.ofSeconds(5)).query()).isEmpty();
  }
}
