package dev.convoy.router.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GpuFirstChooserTest {
  /** A GPU of weight 4 saturates at 4 outstanding requests. */
  private final GpuFirstChooser chooser = new GpuFirstChooser(new PowerOfTwoChooser(new SplittableRandom(1)), 1.0);

  @Test
  void choose_gpuBelowSaturation_preferredOverIdleCpu() {
    Load gpu = Load.gpu("gpu", 4, 3);
    Load cpu = Load.cpu("cpu", 1, 0);

    for (int i = 0; i < 100; i++) {
      assertThat(chooser.choose(List.of(cpu, gpu))).isSameAs(gpu);
    }
  }

  @Test
  void choose_gpuAtSaturation_spillsToLessLoadedCpu() {
    Load gpu = Load.gpu("gpu", 4, 4);
    Load cpu = Load.cpu("cpu", 1, 0);

    assertThat(chooser.saturated(gpu)).isTrue();
    for (int i = 0; i < 100; i++) {
      assertThat(chooser.choose(List.of(gpu, cpu))).isSameAs(cpu);
    }
  }

  @Test
  void choose_saturatedGpuAndEquallyLoadedCpu_cpuWinsTie() {
    // (7+1)/4 == (1+1)/1
    Load gpu = Load.gpu("gpu", 4, 7);
    Load cpu = Load.cpu("cpu", 1, 1);

    assertThat(chooser.choose(List.of(gpu, cpu))).isSameAs(cpu);
  }

  @Test
  void choose_cpuMoreLoadedThanSaturatedGpu_staysOnGpu() {
    // (5+1)/4 < (3+1)/1
    Load gpu = Load.gpu("gpu", 4, 5);
    Load cpu = Load.cpu("cpu", 1, 3);

    assertThat(chooser.choose(List.of(gpu, cpu))).isSameAs(gpu);
  }

  @Test
  void choose_severalGpus_onlyUnsaturatedOnesChosen() {
    Load full = Load.gpu("full", 2, 2);
    Load open1 = Load.gpu("open1", 2, 0);
    Load open2 = Load.gpu("open2", 2, 0);
    Load cpu = Load.cpu("cpu", 1, 0);
    Set<String> chosen = new HashSet<>();

    for (int i = 0; i < 200; i++) {
      chosen.add(chooser.choose(List.of(full, open1, open2, cpu)).name());
    }

    assertThat(chosen).containsExactlyInAnyOrder("open2", "open1");
  }

  @Test
  void choose_onlyCpus_balancesAmongThem() {
    Load a = Load.cpu("a", 1, 0);
    Load b = Load.cpu("b", 1, 5);

    assertThat(chooser.choose(List.of(a, b))).isSameAs(a);
  }

  @Test
  void choose_onlySaturatedGpus_leastLoadedGpu() {
    Load a = Load.gpu("a", 1, 3);
    Load b = Load.gpu("b", 1, 1);

    assertThat(chooser.choose(List.of(a, b))).isSameAs(b);
  }

  @Test
  void choose_thresholdBelowOne_spillOnlyOnceCpuWouldBeLessLoaded() {
    GpuFirstChooser eager = new GpuFirstChooser(new PowerOfTwoChooser(new SplittableRandom(1)), 0.5);
    Load cpu = Load.cpu("cpu", 1, 0);

    // Saturated at 2 of weight 4, but (2+1)/4 < (0+1)/1: the GPU is still the better home.
    assertThat(eager.choose(List.of(Load.gpu("gpu", 4, 2), cpu)).name()).isEqualTo("gpu");
    assertThat(eager.choose(List.of(Load.gpu("gpu", 4, 4), cpu)).name()).isEqualTo("cpu");
  }

  @Test
  void saturated_threshold_scalesWithWeight() {
    GpuFirstChooser lenient = new GpuFirstChooser(new PowerOfTwoChooser(new SplittableRandom(1)), 2.5);

    assertThat(lenient.saturated(Load.gpu("g", 2, 4))).isFalse();
    assertThat(lenient.saturated(Load.gpu("g", 2, 5))).isTrue();
  }
}
