package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadyStateTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration QUIET = Duration.ZERO;

  @Test
  void afterSlice_risingThroughput_continuesUntilTwoSlicesAgree() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(2), 6);

    assertThat(warm.afterSlice(SECOND, 3_500, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 7_800, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 15_800, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 19_700, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 20_100, QUIET)).isTrue();
    assertThat(warm.steady()).isTrue();
    assertThat(warm.elapsed()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void afterSlice_steadyAtOnce_stillRunsTheMinimum() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(3), 6);

    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isTrue();
  }

  @Test
  void afterSlice_neverSteady_stopsAtTheCap() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(1), 6);

    for (int i = 1; i < 6; i++) {
      assertThat(warm.afterSlice(SECOND, i % 2 == 0 ? 10_000 : 20_000, QUIET)).isFalse();
    }
    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isTrue();
    assertThat(warm.steady()).isFalse();
  }

  @Test
  void afterSlice_steadyThroughputWhileTheJitCompiles_continuesUntilTheCompilerIsQuiet() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(2), 12);

    assertThat(warm.afterSlice(SECOND, 10_000, Duration.ofMillis(600))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_100, Duration.ofMillis(540))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_200, Duration.ofMillis(60))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_300, Duration.ofMillis(50))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_300, Duration.ofMillis(30))).isTrue();
    assertThat(warm.steady()).isTrue();
  }

  @Test
  void afterSlice_oneQuietSliceAfterACompileBurst_isNotYetQuiet() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(2), 12);

    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, Duration.ofMillis(400))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, QUIET)).isTrue();
  }

  @Test
  void afterSlice_compilerNeverQuiet_stopsAtTheCapUnsteady() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(1), 3);

    assertThat(warm.afterSlice(SECOND, 10_000, Duration.ofMillis(300))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, Duration.ofMillis(300))).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000, Duration.ofMillis(300))).isTrue();
    assertThat(warm.steady()).isFalse();
  }
}
