package dev.convoy.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SteadyStateTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void afterSlice_risingThroughput_continuesUntilTwoSlicesAgree() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(2));

    assertThat(warm.afterSlice(SECOND, 3_500)).isFalse();
    assertThat(warm.afterSlice(SECOND, 7_800)).isFalse();
    assertThat(warm.afterSlice(SECOND, 15_800)).isFalse();
    assertThat(warm.afterSlice(SECOND, 19_700)).isFalse();
    assertThat(warm.afterSlice(SECOND, 20_100)).isTrue();
    assertThat(warm.steady()).isTrue();
    assertThat(warm.elapsed()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void afterSlice_steadyAtOnce_stillRunsTheMinimum() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(3));

    assertThat(warm.afterSlice(SECOND, 10_000)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000)).isFalse();
    assertThat(warm.afterSlice(SECOND, 10_000)).isTrue();
  }

  @Test
  void afterSlice_neverSteady_stopsAtSixTimesTheMinimum() {
    SteadyState warm = new SteadyState(Duration.ofSeconds(1));

    for (int i = 1; i < 6; i++) {
      assertThat(warm.afterSlice(SECOND, i % 2 == 0 ? 10_000 : 20_000)).isFalse();
    }
    assertThat(warm.afterSlice(SECOND, 10_000)).isTrue();
    assertThat(warm.steady()).isFalse();
  }
}
