package dev.convoy.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RampTest {

  private static final long S = 1_000_000_000L;

  @Test
  void levelAt_stepUpToEnd_stepsEachDurationThenHolds() {
    Ramp ramp = new Ramp(5, 5, Duration.ofSeconds(2), 15, Duration.ZERO);

    assertThat(ramp.levelAt(0)).isEqualTo(5);
    assertThat(ramp.levelAt(2 * S - 1)).isEqualTo(5);
    assertThat(ramp.levelAt(2 * S)).isEqualTo(10);
    assertThat(ramp.levelAt(4 * S)).isEqualTo(15);
    assertThat(ramp.levelAt(100 * S)).isEqualTo(15);
    assertThat(ramp.nextChangeNanos(0)).isEqualTo(2 * S);
    assertThat(ramp.nextChangeNanos(3 * S)).isEqualTo(4 * S);
    assertThat(ramp.nextChangeNanos(4 * S)).isEqualTo(Long.MAX_VALUE);
    assertThat(ramp.peak()).isEqualTo(15);
  }

  @Test
  void levelAt_maxDurationWithoutEnd_holdsTheLevelReached() {
    Ramp ramp = Ramp.line(10, 3, 0, Duration.ofMillis(2500));

    assertThat(ramp.levelAt(S)).isEqualTo(13);
    assertThat(ramp.levelAt(2 * S)).isEqualTo(16);
    assertThat(ramp.levelAt(3 * S)).isEqualTo(16);
    assertThat(ramp.nextChangeNanos(2 * S)).isEqualTo(Long.MAX_VALUE);
    assertThat(ramp.peak()).isEqualTo(16);
  }

  @Test
  void levelAt_maxDurationWithEnd_jumpsToEnd() {
    Ramp ramp = new Ramp(10, 1, Duration.ofSeconds(1), 50, Duration.ofSeconds(3));

    assertThat(ramp.levelAt(2 * S)).isEqualTo(12);
    assertThat(ramp.nextChangeNanos(2 * S)).isEqualTo(3 * S);
    assertThat(ramp.levelAt(3 * S)).isEqualTo(50);
  }

  @Test
  void levelAt_stepDown_neverBelowEndOrZero() {
    Ramp down = new Ramp(10, -4, Duration.ofSeconds(1), 3, Duration.ZERO);
    Ramp toZero = new Ramp(5, -4, Duration.ofSeconds(1), 0, Duration.ZERO);

    assertThat(down.levelAt(S)).isEqualTo(6);
    assertThat(down.levelAt(2 * S)).isEqualTo(3);
    assertThat(toZero.levelAt(2 * S)).isZero();
    assertThat(toZero.nextChangeNanos(2 * S)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void offsetNanos_stepSchedule_evenlySpacedAtEachStepsRate() {
    RampSchedule schedule = new RampSchedule(new Ramp(2, 2, Duration.ofSeconds(1), 4, Duration.ZERO));

    // 2/s for the first second: calls 0 and 1; 4/s after: calls every 250 ms.
    assertThat(schedule.offsetNanos(0)).isZero();
    assertThat(schedule.offsetNanos(1)).isEqualTo(S / 2);
    assertThat(schedule.offsetNanos(2)).isEqualTo(S);
    assertThat(schedule.offsetNanos(3)).isEqualTo(S + S / 4);
    assertThat(schedule.offsetNanos(10)).isEqualTo(3 * S);
  }

  @Test
  void offsetNanos_rateFallsToZero_never() {
    RampSchedule schedule = new RampSchedule(new Ramp(2, -2, Duration.ofSeconds(1), 0, Duration.ZERO));

    assertThat(schedule.offsetNanos(1)).isEqualTo(S / 2);
    assertThat(schedule.offsetNanos(2)).isEqualTo(SendSchedule.NEVER);
  }
}
